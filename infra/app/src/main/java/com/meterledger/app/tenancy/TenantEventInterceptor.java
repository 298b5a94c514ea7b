package com.meterledger.app.tenancy;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.edge.tenancy.TenantSession;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The entry point of an event's tenant: each event is handled as the tenant of its own {@code tenantId} metadata
 * ({@link TenantContext#callAs}). A pooled streaming processor handles a batch of many tenants' events in one
 * transaction, so the tenant the transaction began with cannot be right for all of them: before each event the
 * running transaction is switched to the event's tenant ({@link TenantSession#switchTo}), so a projection reads and
 * writes that tenant's rows only. An event without a tenant switches to no tenant: its projection sees no rows and
 * cannot insert any (the policy's WITH CHECK refuses), and the event goes to the dead-letter queue instead of landing
 * under a wrong tenant.
 */
public class TenantEventInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {
    private static final Object CURRENT = new Object();
    private final ObjectProvider<JdbcTemplate> jdbc;

    public TenantEventInterceptor(ObjectProvider<JdbcTemplate> jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tenant this interceptor last switched the running transaction to, so that a run of one tenant's events costs
     * one switch, not one per event. Bound to the transaction and dropped when it completes.
     */
    private static String[] currentOfTransaction() {
        String[] current = (String[]) TransactionSynchronizationManager.getResource(CURRENT);
        if (current == null) {
            String[] fresh = new String[1];
            TransactionSynchronizationManager.bindResource(CURRENT, fresh);
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(CURRENT);
                    }
                });
            } else {
                TransactionSynchronizationManager.unbindResource(CURRENT);
            }
            current = fresh;
        }
        return current;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object metadata = unitOfWork.getMessage().getMetaData().get(MetadataKeys.TENANT);
        String tenant = metadata instanceof String value && !value.isBlank() ? value : "";
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            String[] current = currentOfTransaction();
            if (!tenant.equals(current[0])) {
                TenantSession.switchTo(jdbc.getObject(), tenant);
                current[0] = tenant;
            }
        }
        return TenantContext.callAs(tenant.isEmpty() ? null : tenant, interceptorChain::proceed);
    }
}
