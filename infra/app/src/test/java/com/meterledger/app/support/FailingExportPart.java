package com.meterledger.app.support;

import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;

/**
 * A module failing on its part of one tenant's export, as a broken handler would: a handler interceptor on the real
 * query bus throws after the part's handler answered, for that tenant and that part only, until closed. The shared
 * application context stays as it is (no mocked bean, no new context).
 */
public final class FailingExportPart implements AutoCloseable {
    private final Registration registration;

    private FailingExportPart(Registration registration) {
        this.registration = registration;
    }

    public static FailingExportPart of(QueryBus queryBus, String tenant, String part) {
        MessageHandlerInterceptor<QueryMessage<?, ?>> failing = (unitOfWork, chain) -> {
            Object answer = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof FindTenantExportParts find
                    && find.tenantId().value().equals(tenant)
                    && answer instanceof TenantExportPart answered && answered.part().equals(part)) {
                throw new IllegalStateException("the module of the part " + part + " failed (a test's failure)");
            }
            return answer;
        };
        return new FailingExportPart(queryBus.registerHandlerInterceptor(failing));
    }

    @Override
    public void close() {
        registration.cancel();
    }
}
