package com.meterledger.api.error;

import java.util.Arrays;
import java.util.List;

/**
 * A well-formed request that a business rule refuses. {@code rule} is a stable code a client can act on.
 * {@code figures} are the numbers the English detail names (the limit exceeded, the value given), in the order the
 * rule's texts in other languages place them ({@code {0}}, {@code {1}}): without them a translated detail would lose
 * the very limit the reader must keep to. A rule that covers several reasons also names the specific one
 * ({@link #specific()}).
 */
public class RuleViolation extends RuntimeException {
    private final String rule;
    private final List<Object> figures;
    private final Reason specific;

    public RuleViolation(String rule, String detail, Object... figures) {
        super(detail);
        this.rule = rule;
        this.figures = List.copyOf(Arrays.asList(figures));
        this.specific = null;
    }

    /** A refusal by {@code rule} for the {@code specific} reason: the detail and figures are the reason's. */
    public RuleViolation(String rule, Reason specific) {
        super(specific.english());
        this.rule = rule;
        this.figures = specific.figures();
        this.specific = specific;
    }

    public String rule() {
        return rule;
    }

    /** The figures the detail names, for a translated text's placeholders; empty when it names none. */
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
