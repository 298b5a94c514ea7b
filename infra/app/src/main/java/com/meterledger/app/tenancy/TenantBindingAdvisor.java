package com.meterledger.app.tenancy;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.annotation.Transactional;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The entry point of a tenant named by a method: a {@code @Transactional} method of ours that takes a {@link TenantId}
 * (or a {@link TenantScoped} value) runs as that tenant ({@link TenantContext#callAs}), so the transaction it begins
 * is that tenant's. The repositories already bind every statement to the tenant they are given; with this the
 * database enforces the same tenant underneath, also where no message or token names one (a scheduler's work). A
 * {@link TenantId} argument that differs from the tenant of the message being handled or of the caller's token is
 * refused (a query handler handed another tenant's id, say). The refusal stays here rather than in
 * {@code callAs}: a payment-link door binds the link's verified tenant whatever token its request may carry. Ordered
 * before the transaction advice so the binding is there when the transaction starts.
 */
public class TenantBindingAdvisor extends DefaultPointcutAdvisor {
    public TenantBindingAdvisor() {
        super(new TenantMethods(), (MethodInterceptor) invocation -> {
            for (Object argument : invocation.getArguments()) {
                TenantId tenant = argument instanceof TenantId id ? id
                        : argument instanceof TenantScoped scoped ? scoped.tenant() : null;
                if (tenant != null) {
                    Optional<String> ambient = TenantContext.ambient();
                    if (ambient.isPresent() && !tenant.sameAs(ambient.get())) {
                        SecurityEvents.log("tenant_mismatch", invocation.getMethod().getDeclaringClass().getSimpleName()
                                + "." + invocation.getMethod().getName() + " asked for another tenant than its caller's");
                        throw new AccessDeniedException("a tenant may only read and write its own data");
                    }
                    return TenantContext.callAs(tenant, invocation::proceed);
                }
            }
            return invocation.proceed();
        });
        setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    }

    private static final class TenantMethods extends StaticMethodMatcherPointcut {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            if (targetClass == null || !targetClass.getName().startsWith("com.meterledger.")) {
                return false;
            }
            Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
            boolean takesTenant = false;
            for (Class<?> type : specific.getParameterTypes()) {
                takesTenant |= TenantId.class.equals(type) || TenantScoped.class.isAssignableFrom(type);
            }
            return takesTenant && (AnnotatedElementUtils.hasAnnotation(specific, Transactional.class)
                    || AnnotatedElementUtils.hasAnnotation(targetClass, Transactional.class));
        }
    }
}
