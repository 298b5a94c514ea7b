package com.meterledger.app.tenancy;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.edge.tenancy.TenantContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A pooled streaming processor handles a batch of events of many tenants in one transaction, so the tenant set when
 * the transaction began cannot be right for all of them. Before each event this sets the transaction's
 * {@code app.tenant_id} to the event's own {@code tenantId} metadata (on the same connection, transaction-locally),
 * so a projection reads and writes that tenant's rows only. An event without a tenant sets an empty tenant: its
 * projection sees no rows and cannot insert any (the policy's WITH CHECK refuses), and the event goes to the
 * dead-letter queue instead of landing under a wrong tenant.
 */
public class TenantEventInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {
    private static final Object CURRENT = new Object();
    private final ObjectProvider<JdbcTemplate> jdbc;

    public TenantEventInterceptor(ObjectProvider<JdbcTemplate> jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tenant this interceptor last set in the running transaction, so that a batch of one tenant's events costs
     * one {@code set_config}, not one per event. Bound to the transaction and dropped when it completes.
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
                jdbc.getObject().queryForObject(TenantTransactionManager.SET_TENANT, String.class, tenant);
                current[0] = tenant;
            }
        }
        return TenantContext.callAs(tenant.isEmpty() ? null : tenant, interceptorChain::proceed);
    }
}
