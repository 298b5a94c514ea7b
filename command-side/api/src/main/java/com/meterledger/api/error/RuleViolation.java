package com.meterledger.api.error;

/** A well-formed request that a business rule refuses. {@code rule} is a stable code a client can act on. */
public class RuleViolation extends RuntimeException {
    private final String rule;

    public RuleViolation(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
