package com.meterledger.core.account;

import com.meterledger.api.error.RuleViolation;

import java.util.Optional;

/**
 * The four-eyes rule of manual balance corrections. A correction within the tenant's approval limit applies at once;
 * above it, it waits for a second person, and whoever asked for it cannot be the one who decides. Pure: the account
 * turns the verdict into events.
 */
public final class FourEyes {
    private FourEyes() {
    }

    public enum Verdict { APPLY_AT_ONCE, AWAIT_SECOND_PERSON }

    public static Verdict onRequest(long amountMinor, long approvalLimitMinor) {
        return Math.abs(amountMinor) > approvalLimitMinor ? Verdict.AWAIT_SECOND_PERSON : Verdict.APPLY_AT_ONCE;
    }

    /** Why this person may not approve or reject the correction, if they may not. */
    public static Optional<RuleViolation> refusalOfDecider(String requestedBy, String decider) {
        if (requestedBy != null && requestedBy.equals(decider)) {
            return Optional.of(new RuleViolation("second-person-required",
                    "an adjustment above the approval limit needs a person other than its requester to decide"));
        }
        return Optional.empty();
    }
}
