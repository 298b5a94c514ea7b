package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: after the last row of this one, named by its sort value and id (keyset or
 * "seek" paging). Clients get it as an opaque text ({@link #encode()}, URL-safe) and send it back as {@code cursor};
 * the list answers the rows after that position, walking its index from there, so a page 99,950 rows in costs what the
 * first page costs, where an offset walks and throws away every row before it. Pure: a text that is not one of ours,
 * or that was made for another sort, is refused with {@link FieldRejected} naming {@link #CURSOR}.
 *
 * @param sort  the sort parameter the cursor was made for ({@code -balance})
 * @param value the last row's sort value as text, null for a moment that never happened
 * @param id    the last row's id, the tie-breaker
 */
public record ListCursor(String sort, String value, String id) {
    public static final String CURSOR = "cursor";
    public static final String MALFORMED = "list-cursor-malformed";
    public static final String OTHER_SORT = "list-cursor-other-sort";
    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\n';
    private static final String NULL = "\u0000";
    /** Ids are at most 64 characters and sort values short: anything much longer is not ours. */
    private static final int MAX_TEXT = 400;

    public ListCursor {
        if (sort == null || id == null) {
            throw new IllegalArgumentException("a cursor needs its sort and the last row's id");
        }
    }

    public String encode() {
        String text = VERSION + SEPARATOR + sort + SEPARATOR + (value == null ? NULL : value) + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param text the parameter as sent
     * @param sort the sort parameter of the request ({@link ListWindow#sortParameter()}): a cursor continues the
     *             order it was made in, never another
     */
    public static ListCursor decode(String text, String sort) {
        if (text.length() > MAX_TEXT) {
            throw malformed();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] parts = decoded.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[1].isEmpty() || parts[3].isEmpty()
                || parts[3].length() > ListFilters.ID || decoded.chars().anyMatch(c -> c < 0x20 && c != SEPARATOR && c != 0)) {
            throw malformed();
        }
        if (!parts[1].equals(sort)) {
            throw new FieldRejected(CURSOR, OTHER_SORT, "the cursor continues the order '" + parts[1]
                    + "', not '" + sort + "': send the sort it was made for, or start again without a cursor");
        }
        return new ListCursor(parts[1], parts[2].equals(NULL) ? null : parts[2], parts[3]);
    }

    public static FieldRejected malformed() {
        return new FieldRejected(CURSOR, MALFORMED, "is not a cursor this list gave out; use the nextCursor of a "
                + "page, or start again without one");
    }
}
