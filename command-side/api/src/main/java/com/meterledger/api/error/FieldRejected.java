package com.meterledger.api.error;

/**
 * A field of a request or message that breaks a rule of form (see {@code FreeText}), named so that the sender can
 * fix it. An {@link IllegalArgumentException}, so that code which already treats bad input as such keeps doing so.
 */
public class FieldRejected extends IllegalArgumentException {
    private final String field;
    private final String rule;
    private final String reason;

    public FieldRejected(String field, String rule, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.rule = rule;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    /** The reason without the field's name. */
    public String reason() {
        return reason;
    }
}
