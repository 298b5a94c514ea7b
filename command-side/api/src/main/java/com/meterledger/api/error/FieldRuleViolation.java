package com.meterledger.api.error;

/**
 * A business rule refused one field of a well-formed request (a sub-meter already under another master): a 422
 * problem that names the rule and the field, so a form can show the refusal beside the input that caused it.
 */
public class FieldRuleViolation extends RuleViolation {
    private final String field;

    public FieldRuleViolation(String field, String rule, String detail, Object... figures) {
        super(rule, field + ": " + detail, figures);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
