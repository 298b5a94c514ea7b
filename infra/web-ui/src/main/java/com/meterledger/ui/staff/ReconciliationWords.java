package com.meterledger.ui.staff;

import com.meterledger.gateway.payment.reconciliation.ReconciliationReasons;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport;
import com.meterledger.ui.i18n.LanguageChoice;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.function.Function;

/**
 * A reconciliation line's reason in the reader's language, on the page and in a person's download. English is the
 * words stored with the line, exactly as programs and the API's download read them; another language says the line's
 * reason code ({@link ReconciliationReasons}, derived from the line's own columns, so lines stored before it are worded
 * too) by {@code reconciliation.reason.<code>} with the figures the English names. A line whose columns do not say
 * its reason keeps its English.
 */
@Component
public class ReconciliationWords {
    public static final String PREFIX = "reconciliation.reason.";

    private final MessageSource messages;

    public ReconciliationWords(MessageSource messages) {
        this.messages = messages;
    }

    /** The line's reason in the language of the request being answered. */
    public String say(ReconciliationReport.Line line) {
        return inTheReadersLanguage().apply(line);
    }

    /** The words for every line of one download, in the reader's language as it is now (for any thread). */
    public Function<ReconciliationReport.Line, String> inTheReadersLanguage() {
        Locale locale = LocaleContextHolder.getLocale();
        if (LanguageChoice.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return ReconciliationReport.Line::reason;
        }
        return line -> {
            ReconciliationReasons.Said said = ReconciliationReasons.of(line);
            return said == null ? line.reason() : messages.getMessage(PREFIX + said.code(),
                    said.figures().isEmpty() ? null : said.figures().toArray(), line.reason(), locale);
        };
    }
}
