package com.meterledger.query.alert;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.FreeText;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the inbox shows: alerts in a state, of a kind, of a property (each optional), a page at a time. Words that are
 * not a state or kind, and pages out of range, are refused naming the parameter, never answered with an empty list
 * that reads as "no alerts".
 */
public record AlertFilter(AlertState state, AlertKind kind, String propertyId, int page, int size) {
    public static final String RULE = "alert-filter-invalid";
    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 100_000;

    public AlertFilter {
        if (page < 0 || page > MAX_PAGE) {
            throw new FieldRejected("page", RULE, Reason.of("alert-filter-page-out-of-range",
                    "must be between 0 and " + MAX_PAGE, MAX_PAGE, page));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new FieldRejected("size", RULE, Reason.of("alert-filter-size-out-of-range",
                    "must be between 1 and " + MAX_SIZE, MAX_SIZE, size));
        }
        FreeText.require("property", propertyId, 64);
        propertyId = propertyId == null || propertyId.isBlank() ? null : propertyId.strip();
    }

    public static AlertFilter parse(String state, String kind, String property, Integer page, Integer size) {
        return new AlertFilter(word("state", state, AlertState.class), word("kind", kind, AlertKind.class), property,
                page == null ? 0 : page, size == null ? 50 : size);
    }

    private static <E extends Enum<E>> E word(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new FieldRejected(field, RULE, Reason.of("alert-filter-word-unknown",
                        "must be one of " + Arrays.toString(type.getEnumConstants()), text.strip(),
                        Arrays.toString(type.getEnumConstants()))));
    }
}
