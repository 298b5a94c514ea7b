package com.meterledger.api.listing;

import java.util.List;

/**
 * One page of a list. {@code hasMore} instead of a total: a count over 100,000 rows would cost every page as much as
 * the page itself, and paging links need only to know whether there is a next page. {@code nextCursor} (lists that
 * page by keyset) starts the next page after this one's last row, however deep; null on the last page.
 */
public record ListPage<T>(List<T> items, int page, int size, String sort, boolean hasMore, String nextCursor) {
    public ListPage {
        items = List.copyOf(items);
    }

    public ListPage(List<T> items, int page, int size, String sort, boolean hasMore) {
        this(items, page, size, sort, hasMore, null);
    }

    /** As {@link #of(List, ListWindow)}, with the cursor of the page's last row when there is a next page. */
    public static <T> ListPage<T> of(List<T> rows, ListWindow window, java.util.function.Function<T, ListCursor> cursorOf) {
        ListPage<T> page = of(rows, window);
        return page.hasMore()
                ? new ListPage<>(page.items(), page.page(), page.size(), page.sort(), true,
                cursorOf.apply(page.items().getLast()).encode())
                : page;
    }

    /** From up to {@code size + 1} rows fetched: the extra row only says that there is a next page. */
    public static <T> ListPage<T> of(List<T> rows, ListWindow window) {
        boolean more = rows.size() > window.size();
        return new ListPage<>(more ? rows.subList(0, window.size()) : rows, window.page(), window.size(),
                window.sortParameter(), more);
    }
}
