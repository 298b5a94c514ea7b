package com.meterledger.ui.staff;

import com.meterledger.api.listing.ListPage;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the list template ({@code ui/list.html}) shows, worked out here so the template stays plain: the filter form's
 * fields with the values sent, the columns with the link that sorts by each, the rows as cells, and the paging
 * links, each keeping the other parameters.
 */
public final class ListPages {
    private ListPages() {
    }

    /** A field of the filter form; {@code options} (value to message key) makes it a select. */
    public record Field(String name, String labelKey, String type, String value, Map<String, String> options) {
        static Field text(String name, String labelKey, String value) {
            return new Field(name, labelKey, "text", value, Map.of());
        }

        static Field number(String name, String labelKey, String value) {
            return new Field(name, labelKey, "number", value, Map.of());
        }

        static Field select(String name, String labelKey, String value, Map<String, String> options) {
            return new Field(name, labelKey, "select", value, options);
        }
    }

    /** A column; {@code sortHref} null when the list does not sort by it; {@code sorted} "asc", "desc" or null. */
    public record Column(String labelKey, boolean numeric, String sortHref, String sorted) {
    }

    /** A cell: text (already in the reader's words), a link (or null) and a CSS class (or null). */
    public record Cell(String text, String href, String css) {
        static Cell of(String text) {
            return new Cell(text == null ? "—" : text, null, null);
        }

        static Cell link(String text, String href) {
            return new Cell(text, href, null);
        }
    }

    /** The page as the template shows it. */
    public record Shown(String titleKey, List<Field> filters, List<Column> columns, List<List<Cell>> rows,
                        int page, String previousHref, String nextHref, String path) {
    }

    /** Builds a page's links from the request's path and the parameters that were sent. */
    static final class Builder {
        private final String path;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<Column> columns = new ArrayList<>();
        private final String sort;

        Builder(String path, Map<String, String> sent, String sort) {
            this.path = path;
            sent.forEach((name, value) -> {
                if (value != null && !value.isBlank() && !name.equals("page")) {
                    parameters.put(name, value);
                }
            });
            this.sort = sort;
        }

        Builder column(String labelKey, String sortKey, boolean numeric) {
            if (sortKey == null) {
                columns.add(new Column(labelKey, numeric, null, null));
                return this;
            }
            boolean ascending = sortKey.equals(sort);
            boolean descending = ("-" + sortKey).equals(sort);
            columns.add(new Column(labelKey, numeric, href(Map.of("sort", ascending ? "-" + sortKey : sortKey), null),
                    ascending ? "asc" : descending ? "desc" : null));
            return this;
        }

        <T> Shown shown(String titleKey, List<Field> filters, ListPage<T> page, List<List<Cell>> rows) {
            return new Shown(titleKey, filters, columns, rows, page.page(),
                    page.page() > 0 ? href(Map.of(), page.page() - 1) : null,
                    page.hasMore() ? href(Map.of(), page.page() + 1) : null, path);
        }

        private String href(Map<String, String> changed, Integer page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
            Map<String, String> all = new LinkedHashMap<>(parameters);
            all.putAll(changed);
            all.forEach(uri::queryParam);
            if (page != null && page > 0) {
                uri.queryParam("page", page);
            }
            return uri.encode().build().toUriString();
        }
    }
}
