package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Ids;
import com.meterledger.api.shared.Utility;

import java.util.List;
import java.util.Locale;

/**
 * The rules for list filters and the search text, shared by every list so that the same nonsense gets the same
 * answer everywhere: a 400 naming the parameter and the rule. Pure.
 */
public final class ListFilters {
    /** Ids are at most 64 characters (their columns are {@code varchar(64)}). */
    public static final int ID = 64;
    /** A search needs this many characters: one letter would match most of a large tenant. */
    public static final int SEARCH_MIN = 2;
    public static final int SEARCH_MAX = 100;

    private ListFilters() {
    }

    /** An id filter: null or blank means no filter; else an id by the one rule for ids ({@link Ids}). */
    public static String id(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        FreeText.require(parameter, value, ID);
        String id = value.strip();
        try {
            return Ids.requireValid(id, parameter);
        } catch (IllegalArgumentException e) {
            throw new FieldRejected(parameter, "list-filter-id-malformed", e.getMessage());
        }
    }

    /** One of the given codes, case-insensitively: null or blank means no filter. */
    public static String oneOf(String parameter, String value, List<String> codes) {
        if (value == null || value.isBlank()) {
            return null;
        }
        FreeText.require(parameter, value, ID);
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!codes.contains(code)) {
            throw new FieldRejected(parameter, "list-filter-unknown", "must be one of " + String.join(", ", codes));
        }
        return code;
    }

    public static String utility(String value) {
        return oneOf("utility", value, java.util.Arrays.stream(Utility.values()).map(Enum::name).toList());
    }

    /** The search text: stripped, 2..100 characters, no control characters. */
    public static String searchText(String parameter, String value) {
        String text = value == null ? "" : value.strip();
        FreeText.require(parameter, text, SEARCH_MAX);
        if (text.codePointCount(0, text.length()) < SEARCH_MIN) {
            throw new FieldRejected(parameter, "search-too-short", "must have at least " + SEARCH_MIN + " characters", SEARCH_MIN);
        }
        return text;
    }

    /** Text as a LIKE pattern that matches it literally: % _ and \ escaped (with the default escape \). */
    public static String likeLiteral(String text) {
        return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
