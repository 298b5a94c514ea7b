package com.meterledger.api.error;

import java.util.Arrays;
import java.util.List;

/**
 * A field of a request or message that breaks a rule of form (see {@code FreeText}), named so that the sender can
 * fix it. An {@link IllegalArgumentException}, so that code which already treats bad input as such keeps doing so.
 * {@code figures} are the numbers the reason names (a limit), for a translated text's placeholders, as in
 * {@link RuleViolation}. A rule that covers several reasons also names the specific one ({@link #specific()}), whose
 * code and figures a translated text is chosen and filled by.
 */
public class FieldRejected extends IllegalArgumentException {
    private final String field;
    private final String rule;
    private final String reason;
    private final List<Object> figures;
    private final Reason specific;

    public FieldRejected(String field, String rule, String reason, Object... figures) {
        super(field + ": " + reason);
        this.field = field;
        this.rule = rule;
        this.reason = reason;
        this.figures = List.copyOf(Arrays.asList(figures));
        this.specific = null;
    }

    /** A field refused by {@code rule} for the {@code specific} reason: its English words are the reason's. */
    public FieldRejected(String field, String rule, Reason specific) {
        super(field + ": " + specific.english());
        this.field = field;
        this.rule = rule;
        this.reason = specific.english();
        this.figures = specific.figures();
        this.specific = specific;
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

    /** The figures the reason names, for a translated text's placeholders; empty when it names none. */
    public List<Object> figures() {
        return figures;
    }

    /** The specific reason when the rule covers several, else null. */
    public Reason specific() {
        return specific;
    }

    /** The code whose texts say this refusal: the specific reason's when there is one, else the rule's. */
    public String textCode() {
        return specific == null ? rule : specific.code();
    }
}
