package com.meterledger.ui.i18n;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.ui.staff.UiFormat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The texts a controller writes itself (a refusal's title and reason, a receipt's method), in the page's language,
 * from the same bundles as the templates. A moment a rule names is written on the tenant's clock, as the page writes
 * its other moments, in English as in Chinese.
 */
@Component
public class PageTexts {
    private final MessageSource messages;
    private final PageFormats formats;

    public PageTexts(MessageSource messages, PageFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    public String text(String key, Object... arguments) {
        return in(LocaleContextHolder.getLocale(), key, arguments);
    }

    /** The text under {@code key}, or {@code otherwise} where the bundles have none (a field they do not name). */
    public String textOr(String otherwise, String key) {
        return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
    }

    public String in(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, locale);
    }

    /**
     * A rule's refusal in the reader's words: in English as the rule wrote it (it names the figures), its moments on
     * the tenant's clock; in Chinese from the bundle when it has the rule, else as the rule wrote it.
     */
    public String rule(String rule, String asWritten) {
        return rule(rule, asWritten, List.of());
    }

    /** As {@link #rule(String, String)}, the rule's figures (the limit it names) in the translated text's places. */
    public String rule(String rule, String asWritten, List<Object> figures) {
        return rule(rule, rule, asWritten, figures);
    }

    /**
     * The refusal by {@code rule} said by the text of {@code textCode} (its specific reason's when it covers several),
     * naming the opening or final reading the rule is about ({@link ReadingOccasion}) where the reason's text does not.
     */
    private String rule(String rule, String textCode, String asWritten, List<Object> figures) {
        Locale locale = LocaleContextHolder.getLocale();
        if (LanguageChoice.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return formats.momentsIn(asWritten, figures);
        }
        if (textCode == null) {
            return asWritten;
        }
        String said = messages.getMessage("problem.rule." + textCode, figures(figures),
                formats.momentsIn(asWritten, figures), locale);
        return ReadingOccasion.of(rule, textCode)
                .map(reading -> messages.getMessage(reading.textKey(), new Object[]{said}, said, locale))
                .orElse(said);
    }

    /** The figures as the reader reads them: a moment on the tenant's clock ({@link UiFormat#ruleFigure}). */
    private Object[] figures(List<Object> figures) {
        if (figures.isEmpty()) {
            return null;
        }
        if (figures.stream().allMatch(figure -> UiFormat.momentOf(figure) == null)) {
            return figures.toArray();
        }
        UiFormat format = formats.current();
        return figures.stream().map(format::ruleFigure).toArray();
    }

    /** A field's refusal in the reader's words: by its specific reason when its rule covers several. */
    public String rule(FieldRejected e) {
        return rule(e.rule(), e.textCode(), e.reason(), e.figures());
    }

    /** A rule's refusal in the reader's words: by its specific reason when the rule covers several. */
    public String rule(RuleViolation e) {
        return rule(e.rule(), e.textCode(), e.getMessage(), e.figures());
    }

    /**
     * A refused field as a page says it: in English as the rule wrote it ({@code size: must be from 1 to 200 (it is
     * 500)}), its moments on the tenant's clock; in Chinese the field's name as the request wrote it, then the rule's
     * text with its figures.
     */
    public String field(FieldRejected e) {
        Locale locale = LocaleContextHolder.getLocale();
        if (LanguageChoice.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return e.field() + ": " + formats.momentsIn(e.reason(), e.figures());
        }
        return e.field() + "：" + rule(e);
    }

    /** "account a-1 was not found", with the kind of thing in the reader's words when the bundles name it. */
    public String notFound(NotFound e) {
        Locale locale = LocaleContextHolder.getLocale();
        String what = messages.getMessage("noun." + e.what(), null, e.what(), locale);
        return messages.getMessage("problem.not-found.detail", new Object[]{what, e.id()}, locale);
    }
}
