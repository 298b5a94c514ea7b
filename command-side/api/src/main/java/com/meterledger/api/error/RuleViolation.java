package com.meterledger.api.error;

import java.util.Arrays;
import java.util.List;

/**
 * A well-formed request that a business rule refuses. {@code rule} is a stable code a client can act on.
 * {@code figures} are the numbers the English detail names (the limit exceeded, the value given), in the order the
 * rule's texts in other languages place them ({@code {0}}, {@code {1}}): without them a translated detail would lose
 * the very limit the reader must keep to.
 */
public class RuleViolation extends RuntimeException {
    private final String rule;
    private final List<Object> figures;

    public RuleViolation(String rule, String detail, Object... figures) {
        super(detail);
        this.rule = rule;
        this.figures = List.copyOf(Arrays.asList(figures));
    }

    public String rule() {
        return rule;
    }

    /** The figures the detail names, for a translated text's placeholders; empty when it names none. */
    public List<Object> figures() {
        return figures;
    }
}
