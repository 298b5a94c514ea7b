package com.meterledger.ui.i18n;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The header of a download a person reads (a property's period report, the head-office report, a day's
 * reconciliation) in the page's language: the person's choice, then the tenant's language, then the browser's
 * ({@link PageLocales}). Each column's words are {@code download.column.<column>}; the English text is the column's
 * stable name, so an English download is exactly what programs always read, and the API's downloads and the tenant's
 * export keep those names in every language. Resolved on the request's thread, before a streamed body loses the
 * request's locale.
 */
@Component
public class DownloadHeaders {
    public static final String PREFIX = "download.column.";

    private final MessageSource messages;

    public DownloadHeaders(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code columns} in the reader's words, in the same order. */
    public List<String> of(List<String> columns) {
        return columns.stream()
                .map(column -> messages.getMessage(PREFIX + column, null, column, LocaleContextHolder.getLocale()))
                .toList();
    }
}
