package com.meterledger.ui.i18n;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The header of a download a person reads (a property's period report, the head-office report, a day's
 * reconciliation) in the page's language: the person's choice, then the tenant's language, then the browser's
 * ({@link PageLocales}). Each column's words are {@code download.column.<column>}; the English text is the column's
 * stable name, so an English download is exactly what programs always read, and the API's downloads and the tenant's
 * export keep those names in every language. The cells that hold a code rather than a value (a line's kind and
 * outcome, how it was paid, the totals row's label, a yes or no) are worded alike, {@code download.value.<column>.<code>},
 * the English text being the code. Resolved on the request's thread, before a streamed body loses the request's
 * locale.
 */
@Component
public class DownloadHeaders {
    public static final String PREFIX = "download.column.";
    public static final String VALUE_PREFIX = "download.value.";
    /** The columns whose cells are codes; every other cell is a value (an id, an amount, a name) and stays as it is. */
    public static final Set<String> CODED = Set.of("kind", "outcome", "payment_method", "property_id", "balanced");

    private final MessageSource messages;

    public DownloadHeaders(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * A cell's words by its column's stable name, in the reader's language as it is now: the cell itself when its
     * column holds no codes or the bundles have no words for it (a property's own id). For one download, on any thread.
     */
    public BiFunction<String, Object, Object> cells() {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> said = new ConcurrentHashMap<>();
        return (column, cell) -> cell == null || !CODED.contains(column) ? cell
                : said.computeIfAbsent(column + "." + cell,
                key -> messages.getMessage(VALUE_PREFIX + key, null, String.valueOf(cell), locale));
    }

    /** {@code columns} in the reader's words, in the same order. */
    public List<String> of(List<String> columns) {
        return columns.stream()
                .map(column -> messages.getMessage(PREFIX + column, null, column, LocaleContextHolder.getLocale()))
                .toList();
    }
}
