package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: after the last row of this one, named by its sort value and id (keyset or
 * "seek" paging). Clients get it as an opaque text ({@link #encode()}, URL-safe) and send it back as {@code cursor};
 * the list answers the rows after that position, walking its index from there, so a page 99,950 rows in costs what the
 * first page costs, where an offset walks and throws away every row before it. It carries what it was made for
 * ({@link CursorBinding}: the list, the sort and the filters), which the list judges before using it. Pure: a text
 * that is not one of ours is refused with {@link FieldRejected} naming {@link #CURSOR}.
 *
 * @param binding the list, sort and filters the cursor was made for
 * @param value   the last row's sort value as text, null for a moment that never happened
 * @param id      the last row's id, the tie-breaker
 */
public record ListCursor(CursorBinding binding, String value, String id) {
    public static final String CURSOR = "cursor";
    public static final String MALFORMED = "list-cursor-malformed";
    public static final String OTHER_SORT = "list-cursor-other-sort";
    /** c1 carried the sort only; its cursors are refused as not ours, and the client starts again. */
    private static final String VERSION = "c2";
    private static final char SEPARATOR = '\n';
    private static final String NULL = "\u0000";
    /**
     * The longest cursor we give out, with room: a sort value is at most a name ({@link FreeText#NAME} characters, up
     * to 4 bytes each in UTF-8: 800), an id at most {@link ListFilters#ID} characters (256 bytes), the rest under 100
     * bytes; Base64 makes 4 of every 3. Anything longer is not ours. (At 400, a name of 67 Chinese characters gave a
     * cursor its own list refused.)
     */
    private static final int MAX_TEXT = 2_048;

    public ListCursor {
        if (binding == null || id == null) {
            throw new IllegalArgumentException("a cursor needs its binding and the last row's id");
        }
    }

    public String encode() {
        String text = String.join(String.valueOf(SEPARATOR), VERSION, binding.list(), binding.sort(),
                binding.filters(), value == null ? NULL : value, id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor as sent, whatever it was made for: {@link CursorBinding#judge} says whether it continues a list. */
    public static ListCursor decode(String text) {
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
        if (parts.length != 6 || !parts[0].equals(VERSION) || parts[1].isEmpty() || parts[2].isEmpty()
                || parts[5].isEmpty() || parts[5].length() > ListFilters.ID
                || decoded.chars().anyMatch(c -> c < 0x20 && c != SEPARATOR && c != 0)) {
            throw malformed();
        }
        return new ListCursor(new CursorBinding(parts[1], parts[2], parts[3]), parts[4].equals(NULL) ? null : parts[4],
                parts[5]);
    }

    public static FieldRejected malformed() {
        return new FieldRejected(CURSOR, MALFORMED, "is not a cursor this list gave out; use the nextCursor of a "
                + "page, or start again without one");
    }
}
