package com.meterledger.api.error;

import java.util.Arrays;
import java.util.List;

/**
 * The specific reason under a rule that covers several ({@code tenant-settings-invalid} for a missing zone, an
 * approval limit out of range, ...; a reading's {@code REGISTER_WENT_BACKWARDS} for a register below its last value
 * or outside its declared range). The rule's code stays what clients rely on; the reason is a stable code of its own,
 * sent beside it (a problem's {@code reason}), so that a reader in another language is told the specifics the English
 * {@code english} names and not only the rule's general words. {@code figures} fill the reason's texts' placeholders
 * in order, as {@link RuleViolation#figures()} do a rule's.
 */
public record Reason(String code, String english, List<Object> figures) {
    public Reason {
        if (code == null || code.isBlank() || english == null) {
            throw new IllegalArgumentException("a reason needs its code and its English words");
        }
        figures = List.copyOf(figures);
    }

    public static Reason of(String code, String english, Object... figures) {
        return new Reason(code, english, Arrays.asList(figures));
    }
}
