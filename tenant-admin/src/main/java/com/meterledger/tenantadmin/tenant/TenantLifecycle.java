package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static com.meterledger.api.tenant.TenantStatus.ACTIVE;
import static com.meterledger.api.tenant.TenantStatus.CANCELLED;
import static com.meterledger.api.tenant.TenantStatus.CLOSED;
import static com.meterledger.api.tenant.TenantStatus.PAST_DUE;
import static com.meterledger.api.tenant.TenantStatus.SIGNED_UP;
import static com.meterledger.api.tenant.TenantStatus.SUSPENDED;
import static com.meterledger.api.tenant.TenantStatus.TRIALING;
import static com.meterledger.api.tenant.TenantStatus.VERIFIED;

/**
 * Which step a tenant may take from where it stands. Pure. A step to where it already is is {@link AlreadyThere}, not
 * a refusal: billing webhooks arrive twice and out of order, and repeating a fact must change nothing.
 */
public final class TenantLifecycle {
    private static final Map<TenantStatus, Set<TenantStatus>> NEXT = Map.of(
            SIGNED_UP, EnumSet.of(VERIFIED, CANCELLED),
            VERIFIED, EnumSet.of(TRIALING, ACTIVE, SUSPENDED, CANCELLED),
            TRIALING, EnumSet.of(ACTIVE, PAST_DUE, SUSPENDED, CANCELLED),
            ACTIVE, EnumSet.of(PAST_DUE, SUSPENDED, CANCELLED),
            PAST_DUE, EnumSet.of(ACTIVE, SUSPENDED, CANCELLED),
            SUSPENDED, EnumSet.of(ACTIVE, CANCELLED),
            CANCELLED, EnumSet.of(ACTIVE, CLOSED),
            CLOSED, EnumSet.noneOf(TenantStatus.class));

    private TenantLifecycle() {
    }

    public sealed interface Verdict permits Step, AlreadyThere, Refused {
    }

    public record Step(TenantStatus from, TenantStatus to) implements Verdict {
    }

    public record AlreadyThere(TenantStatus status) implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    public static Verdict judge(TenantStatus from, TenantStatus to, String reason) {
        if (from == to) {
            return new AlreadyThere(from);
        }
        if (!next(from).contains(to)) {
            return new Refused(TenantRules.TRANSITION_NOT_ALLOWED,
                    "a tenant that is " + from + " cannot become " + to + "; from " + from + " it can become "
                            + next(from));
        }
        if (reason == null || reason.isBlank()) {
            return new Refused(TenantRules.REASON_REQUIRED, "a change of a tenant's status needs a reason");
        }
        return new Step(from, to);
    }

    /** The states a tenant can reach in one step from {@code from}. */
    public static Set<TenantStatus> next(TenantStatus from) {
        return NEXT.get(from);
    }
}
