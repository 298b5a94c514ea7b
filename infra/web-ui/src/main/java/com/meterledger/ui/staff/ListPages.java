package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.listing.ListPage;
import com.meterledger.ui.i18n.PageTexts;
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

    /**
     * The page as the template shows it. {@code page} is -1 on a page reached by the API's keyset cursor (its number is
     * not known, and not needed: "next" continues after its last row however deep); {@code firstHref} then leads back
     * to the first page. A refused filter or paging parameter is {@code errorField} (the parameter as sent) with its
     * {@code error} in the reader's words, shown beside that filter (or above the table for a paging parameter).
     */
    public record Shown(String titleKey, List<Field> filters, List<Column> columns, List<List<Cell>> rows,
                        int page, String previousHref, String nextHref, String path, String firstHref,
                        String errorField, String error) {
        /** Whether the refused parameter is one of the form's filters (else it is a paging or sort parameter). */
        public boolean errorOnFilter() {
            return errorField != null && filters.stream().anyMatch(field -> field.name().equals(errorField));
        }
    }

    /**
     * The values of the filter form as sent, which a page's cursor is bound to: the form's own words (a number of
     * hours, not the moment it means now), so that "next" keeps continuing however long the reader waits.
     */
    static List<String> values(List<Field> filters) {
        return filters.stream().map(Field::value).toList();
    }

    /**
     * A refused parameter in the reader's words: a filter by its label, a paging parameter ({@code cursor},
     * {@code page}, {@code sort}, {@code size}) by its name in the bundles, never as the request spelled it.
     */
    static String refusal(PageTexts texts, List<Field> filters, FieldRejected e) {
        String label = filters.stream().filter(field -> field.name().equals(e.field())).findFirst()
                .map(field -> texts.text(field.labelKey()))
                .orElseGet(() -> texts.textOr(e.field(), "list.parameter." + e.field()));
        return texts.text("list.refused", label, withoutFullStop(texts.rule(e)));
    }

    /** The rule's own sentence ends where the page's text goes on ("..., the list was not filtered"). */
    private static String withoutFullStop(String text) {
        return text.endsWith(".") || text.endsWith("。") ? text.substring(0, text.length() - 1) : text;
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
                if (value != null && !value.isBlank() && !name.equals("page") && !name.equals("cursor")) {
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

        /**
         * A page and its links: "next" carries the API's cursor when the list has one (keyset paging: as fast 100,000
         * rows in as on the first page), else the next page number; a page reached by a cursor links to the first.
         */
        <T> Shown shown(String titleKey, List<Field> filters, ListPage<T> page, List<List<Cell>> rows,
                        boolean byCursor) {
            String next = !page.hasMore() ? null : page.nextCursor() != null
                    ? href(Map.of("cursor", page.nextCursor()), null) : href(Map.of(), page.page() + 1);
            return new Shown(titleKey, filters, columns, rows, byCursor ? -1 : page.page(),
                    !byCursor && page.page() > 0 ? href(Map.of(), page.page() - 1) : null, next, path,
                    byCursor ? href(Map.of(), null) : null, null, null);
        }

        /** No rows: a parameter was refused, and the page says which and why, in place; nothing else changes. */
        Shown refused(String titleKey, List<Field> filters, String field, String error) {
            return new Shown(titleKey, filters, columns, List.of(), -1, null, null, path, null, field, error);
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
