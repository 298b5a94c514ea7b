package com.meterledger.core.account;

/**
 * Whether one more meter may become active (an account opened on it) under the tenant's plan. Pure. No limit (no plan
 * yet, a configured tenant): allowed; the platform's trial starts before the first subscription.
 */
public final class PlanAllowance {
    private PlanAllowance() {
    }

    public sealed interface Verdict permits Allowed, OverLimit {
    }

    public record Allowed() implements Verdict {
    }

    public record OverLimit(long limit, long active) implements Verdict {
    }

    public static Verdict oneMore(long active, Long limit) {
        if (limit == null || active + 1 <= limit) {
            return new Allowed();
        }
        return new OverLimit(limit, active);
    }
}
