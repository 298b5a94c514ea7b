package com.meterledger.api.error;

/**
 * A change that would take the tenant beyond what its plan allows: answered 402 (the plan must be paid up to), naming
 * the limit and where to upgrade. A {@link RuleViolation}, so code that treats rule refusals alike keeps doing so.
 */
public class PlanLimitReached extends RuleViolation {
    public static final String RULE = "plan-meter-limit-reached";
    /** The billing page, where a tenant administrator chooses a larger plan. */
    public static final String UPGRADE = "/ui/billing";
    private final long limit;
    private final long active;

    public PlanLimitReached(long limit, long active) {
        super(RULE, "the plan allows " + limit + " active meters and " + active + " are active: choose a larger plan "
                + "at " + UPGRADE, limit, active);
        this.limit = limit;
        this.active = active;
    }

    public long limit() {
        return limit;
    }

    public long active() {
        return active;
    }
}
