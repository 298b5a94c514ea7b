package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a cursor continues: one list, in one order, under one set of filters. A cursor is only a position in the
 * order it was made in; sent to another list (a unit's id as a starting point of the gateways), another order or
 * other filters, it would quietly start that list somewhere that means nothing. So every cursor carries the binding it
 * was made under and a list refuses one made under another ({@link #judge}). Pure.
 *
 * @param list    the list's name ({@code accounts}, {@code units}, ...)
 * @param sort    the sort parameter ({@code -balance})
 * @param filters a digest of the filters' values: only whether two are the same matters, and it keeps the cursor
 *                short however long a filter's text is
 */
public record CursorBinding(String list, String sort, String filters) {
    private static final char BETWEEN = '\u001f';

    public CursorBinding {
        if (list == null || list.isBlank() || sort == null || sort.isBlank() || filters == null) {
            throw new IllegalArgumentException("a cursor's binding needs its list, sort and filters");
        }
    }

    /**
     * @param filters the filters' values in the list's own order; null and blank both mean "not filtered by it"
     */
    public static CursorBinding of(String list, String sort, List<?> filters) {
        String text = filters.stream().map(value -> Objects.toString(value, "").strip())
                .collect(Collectors.joining(String.valueOf(BETWEEN)));
        return new CursorBinding(list, sort, digest(text));
    }

    /** Whether a cursor made under {@code made} continues this list as asked for now. */
    public Verdict judge(CursorBinding made) {
        if (!made.list.equals(list)) {
            return Verdict.OTHER_LIST;
        }
        if (!made.sort.equals(sort)) {
            return Verdict.OTHER_SORT;
        }
        return made.filters.equals(filters) ? Verdict.CONTINUES : Verdict.OTHER_FILTERS;
    }

    /** The verdict on a cursor sent back; each refusal has its stable rule code. */
    public enum Verdict {
        CONTINUES, OTHER_LIST, OTHER_SORT, OTHER_FILTERS;

        /** The refusal naming {@code cursor}; a cursor that continues is not refused. */
        public FieldRejected refusal() {
            return switch (this) {
                case OTHER_LIST -> new FieldRejected(ListCursor.CURSOR, "list-cursor-other-list", "the cursor continues "
                        + "another list: use this list's own nextCursor, or start again without a cursor");
                case OTHER_SORT -> new FieldRejected(ListCursor.CURSOR, ListCursor.OTHER_SORT, "the cursor continues "
                        + "another order: send the sort it was made for, or start again without a cursor");
                case OTHER_FILTERS -> new FieldRejected(ListCursor.CURSOR, "list-cursor-other-filters", "the cursor "
                        + "continues the list under other filters: send the filters it was made for, or start again "
                        + "without a cursor");
                case CONTINUES -> throw new IllegalStateException("a cursor that continues its list is not refused");
            };
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
