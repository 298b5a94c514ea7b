package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;

import java.util.List;

/**
 * Which slice of a list to show and in what order: a page of a bounded size, sorted by one of the list's own sort
 * keys ({@code sort=balance}, {@code sort=-balance} for descending). Pure: it judges the parameters a client sent and
 * refuses nonsense with {@link FieldRejected} naming the parameter, so the edge answers 400 and never runs a query
 * it cannot serve well.
 * <p>
 * Offset pages, bounded: a page starts at most {@link #MAX_OFFSET} rows in. An offset is walked, row by row: with
 * 100,000 accounts in one tenant ({@code infra/perf lists}) a page 99,950 rows in took about 100 ms of index walk on
 * the shared 2-core machine, against about 2 ms for the first page, so the bound keeps the deepest page near a tenth of
 * that; going further is a filter's job, not paging's.
 *
 * <p>
 * Deeper than that, or for any page after the first, a {@link ListCursor} ({@code cursor}, the previous page's
 * {@code nextCursor}) starts the page after the last row seen, at the cost of the first page however deep; only a
 * cursor made for the same list, sort and filters ({@link #continuing}).
 *
 * @param page       0-based page number
 * @param size       rows per page, 1..{@link #MAX_SIZE}
 * @param sort       the sort key, one of the list's own
 * @param descending whether the key sorts from high to low
 * @param after      where the page starts when a cursor was sent (then {@code page} is 0), else null
 * @param binding    the list, sort and filters its next cursor is made for; null for a list that pages by number only
 */
public record ListWindow(int page, int size, String sort, boolean descending, ListCursor after,
                         CursorBinding binding) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final int MAX_OFFSET = 10_000;
    public static final String PAGE = "page";
    public static final String SIZE = "size";
    public static final String SORT = "sort";

    /**
     * @param page     the parameter as sent (null: the first page)
     * @param size     the parameter as sent (null: {@link #DEFAULT_SIZE})
     * @param sort     the parameter as sent (null or blank: {@code defaultSort}); a leading '-' sorts descending
     * @param sortable the list's sort keys
     */
    public ListWindow(int page, int size, String sort, boolean descending) {
        this(page, size, sort, descending, null, null);
    }

    public static ListWindow of(Integer page, Integer size, String sort, List<String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new FieldRejected(PAGE, "list-page-negative", "must be 0 or more (it is " + p + ")", p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new FieldRejected(SIZE, "list-size-out-of-range", "must be from 1 to " + MAX_SIZE + " (it is " + s + ")", MAX_SIZE, s);
        }
        if ((long) p * s > MAX_OFFSET) {
            throw new FieldRejected(PAGE, "list-page-too-deep", "a page may start at most " + MAX_OFFSET
                    + " rows in (page x size is " + ((long) p * s) + "); narrow the list with a filter", MAX_OFFSET);
        }
        String key = sort == null || sort.isBlank() ? defaultSort : sort.strip();
        FreeText.require(SORT, key, 64);
        boolean descending = key.startsWith("-");
        String field = descending ? key.substring(1) : key;
        if (!sortable.contains(field)) {
            throw new FieldRejected(SORT, "list-sort-unknown", "'" + shown(field) + "' is not a sort key of this list; "
                    + "use one of " + String.join(", ", sortable) + " (a leading '-' sorts descending)");
        }
        return new ListWindow(p, s, field, descending);
    }

    /**
     * This window of the list {@code list} filtered by {@code filters}, continuing after {@code cursor} when one is sent
     * (null or blank: none). A cursor with a page, or made for another list, sort or filters, is refused naming
     * {@code cursor}, each by its own rule ({@link CursorBinding.Verdict}).
     *
     * @param list    the list's name, which its cursors carry
     * @param filters the filters' values in the list's own order (see {@link CursorBinding#of})
     */
    public ListWindow continuing(String cursor, String list, List<?> filters) {
        CursorBinding bound = CursorBinding.of(list, sortParameter(), filters);
        if (cursor == null || cursor.isBlank()) {
            return new ListWindow(page, size, sort, descending, null, bound);
        }
        if (page != 0) {
            throw new FieldRejected(ListCursor.CURSOR, "list-cursor-with-page", "a cursor says where the page starts: "
                    + "send it without page (page is " + page + ")");
        }
        ListCursor sent = ListCursor.decode(cursor);
        CursorBinding.Verdict verdict = bound.judge(sent.binding());
        if (verdict != CursorBinding.Verdict.CONTINUES) {
            throw verdict.refusal();
        }
        return new ListWindow(0, size, sort, descending, sent, bound);
    }

    /** The cursor of the page after a row whose sort value is {@code value} and id {@code id}, in this window's list. */
    public ListCursor cursorAfter(String value, String id) {
        if (binding == null) {
            throw new IllegalStateException("this window's list pages by number: it makes no cursor");
        }
        return new ListCursor(binding, value, id);
    }

    public long offset() {
        return after != null ? 0 : (long) page * size;
    }

    /** How the sort was asked for, as a link repeats it. */
    public String sortParameter() {
        return (descending ? "-" : "") + sort;
    }

    private static String shown(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "..." : value;
    }
}
