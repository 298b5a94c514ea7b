package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;

/**
 * The platform operator's suspension of a tenant, kept apart from billing's. Before it, one SUSPENDED status served
 * both: the operator's "resume" set ACTIVE and so lifted a suspension for an unpaid invoice, and a paid invoice set
 * ACTIVE and so lifted a suspension the operator had placed for abuse. Now the tenant holds two facts: whether the
 * operator holds it, and where billing stands ({@code billingStatus}); its status is SUSPENDED while either says so.
 * An operator places and lifts only its own hold; billing moves only its own status. Pure.
 */
public final class OperatorSuspension {
    private OperatorSuspension() {
    }

    public sealed interface Verdict permits Hold, Lift, AlreadyHeld, Refused {
    }

    /** Place the operator's hold on a tenant that stands at {@code from} (SUSPENDED when billing suspended it). */
    public record Hold(TenantStatus from) implements Verdict {
    }

    /** Lift the operator's hold: the tenant goes to {@code to}, billing's status (still SUSPENDED if unpaid). */
    public record Lift(TenantStatus to) implements Verdict {
    }

    /** The operator holds it already: nothing changes. */
    public record AlreadyHeld() implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    public static Verdict suspend(TenantStatus status, boolean held, String reason) {
        if (held) {
            return new AlreadyHeld();
        }
        if (status == TenantStatus.SIGNED_UP || status == TenantStatus.CANCELLED || status == TenantStatus.CLOSED) {
            return new Refused(TenantRules.TRANSITION_NOT_ALLOWED, "a tenant that is " + status
                    + " cannot be suspended");
        }
        if (reason == null || reason.isBlank()) {
            return new Refused(TenantRules.REASON_REQUIRED, "a suspension needs a reason");
        }
        return new Hold(status);
    }

    public static Verdict resume(TenantStatus billingStatus, boolean held, String reason) {
        if (!held) {
            return new Refused(TenantRules.NOT_SUSPENDED_BY_OPERATOR, billingStatus == TenantStatus.SUSPENDED
                    ? "the tenant is suspended for an unpaid invoice, not by an operator: paying the invoice lifts it"
                    : "the tenant is not suspended by an operator");
        }
        if (reason == null || reason.isBlank()) {
            return new Refused(TenantRules.REASON_REQUIRED, "a resumption needs a reason");
        }
        return new Lift(billingStatus);
    }
}
