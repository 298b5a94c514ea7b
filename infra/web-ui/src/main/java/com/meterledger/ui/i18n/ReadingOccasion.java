package com.meterledger.ui.i18n;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which reading a refusal is about when its rule names one: a move-in's (or a new meter's) opening reading, a
 * move-out's (or an old meter's) final reading. The meter judges both like any other reading, so the specific reason
 * is the generic one ({@code reading-not-after-latest}: "the reading's time ..."); the rule's code says which reading
 * it was ({@code opening-reading-out-of-order}, {@code final-reading-from-the-future}), and the words name it around
 * the reason's text ({@link #textKey()}: 开户读数, 结算读数).
 */
public enum ReadingOccasion {
    OPENING("opening-reading-", "problem.reading.opening"),
    FINAL("final-reading-", "problem.reading.final");

    private final String rulePrefix;
    private final String textKey;

    ReadingOccasion(String rulePrefix, String textKey) {
        this.rulePrefix = rulePrefix;
        this.textKey = textKey;
    }

    /**
     * The reading a refusal's text must name: present when {@code rule} is an opening or final reading's and the text
     * said is its reason's ({@code textCode} is not the rule's own, whose text names the reading already).
     */
    public static Optional<ReadingOccasion> of(String rule, String textCode) {
        if (rule == null || rule.equals(textCode)) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(occasion -> rule.startsWith(occasion.rulePrefix)).findFirst();
    }

    /** The bundles' text that names this reading around its reason's ({@code {0}}). */
    public String textKey() {
        return textKey;
    }
}
