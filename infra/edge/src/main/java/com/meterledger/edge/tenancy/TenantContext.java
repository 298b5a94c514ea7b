package com.meterledger.edge.tenancy;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Optional;

/**
 * Which tenant the current work runs for: the one question of tenancy, asked by the transaction manager when a
 * transaction begins ({@link TenantSession#begin}). Answered, in order of precedence, from:
 * <ol>
 *     <li>an explicit binding, {@link #callAs}, the only way to say "this work runs as tenant X". Its callers: a
 *     {@code @Transactional} method of ours that takes a {@link TenantId} (the application's
 *     {@code TenantBindingAdvisor}, which refuses one that contradicts the caller's tenant); the payment-link doors
 *     after they verified the link (the occupant has no token); each event while a processor handles it (the
 *     application's {@code TenantEventInterceptor}, from the event's own metadata);</li>
 *     <li>the {@code tenantId} metadata of the Axon message being handled, which the edge set from the verified token,
 *     or an adapter from verified non-token credentials (a gateway's login, Stripe's account mapped by our own
 *     table);</li>
 *     <li>the tenant claim of the authenticated caller's token.</li>
 * </ol>
 * Nothing else: never a request body, a path or a header. No tenant means the database shows no tenant rows.
 */
public final class TenantContext {
    private static final ThreadLocal<String> BOUND = new ThreadLocal<>();

    private TenantContext() {
    }

    @FunctionalInterface
    public interface Work<T, E extends Throwable> {
        T call() throws E;
    }

    public static <T, E extends Throwable> T callAs(String tenant, Work<T, E> work) throws E {
        String previous = BOUND.get();
        if (tenant == null) {
            BOUND.remove();
        } else {
            BOUND.set(tenant);
        }
        try {
            return work.call();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    public static <T, E extends Throwable> T callAs(TenantId tenant, Work<T, E> work) throws E {
        return callAs(tenant == null ? null : tenant.value(), work);
    }

    public static Optional<String> current() {
        String bound = BOUND.get();
        return bound != null ? Optional.of(bound) : ambient();
    }

    /** The tenant the current work runs for by its origin: the Axon message being handled, else the caller's token. */
    public static Optional<String> ambient() {
        if (CurrentUnitOfWork.isStarted()) {
            Object tenant = CurrentUnitOfWork.get().getMessage().getMetaData().get(MetadataKeys.TENANT);
            if (tenant instanceof String value && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Caller.current()
                .map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM))
                .filter(value -> !value.isBlank());
    }
}
