package com.meterledger.app.web;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.ReadingOccasion;
import com.meterledger.ui.staff.UiFormat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A problem's words for people in the caller's language: the locale the request was given (the person's choice, then
 * the tenant's language from the token, then {@code Accept-Language}; {@code PageLocales}). English is the words the
 * code writes (clients and tests read it); Chinese comes from the bundles ({@code problem.api.*}, a rule's {@code
 * problem.rule.<code>}, a thing's {@code noun.<what>}), and where a rule has no Chinese text yet its English one is
 * given rather than nothing ({@code RuleTextsTest} keeps every rule thrown in main code in both bundles). A rule's
 * figures ({@link RuleViolation#figures()}) fill its Chinese text's placeholders, so a translated refusal still names
 * the limit. A rule that covers several reasons is said by its specific reason's text ({@code problem.rule.<reason>},
 * {@link RuleViolation#textCode()}), filled with that reason's figures. A figure that is a moment (a reading's time,
 * the clock it was compared with) is written as the pages write one, in both languages: on the caller's tenant's
 * clock, in the reader's way, with the zone named ({@link PageFormats}: the tenant's zone setting through the
 * published reader the pages use), e.g. {@code 2026-12-07 00:00:00 Asia/Shanghai} and {@code 2026年12月7日 00:00:00
 * Asia/Shanghai} for the instant a rule writes {@code 2026-12-06T16:00:00Z}; so the English words are the code's own
 * except for their moments. A refused opening or final reading names that reading ({@link ReadingOccasion}). Rule
 * codes, reason codes and field names never change, and the problem's {@code figures} member keeps each moment as its
 * ISO instant for programs ({@code ProblemHandlers}).
 */
@Component
public class ProblemWords {
    private final MessageSource messages;
    private final PageFormats pages;

    public ProblemWords(MessageSource messages, PageFormats pages) {
        this.messages = messages;
        this.pages = pages;
    }

    private static Locale chinese() {
        Locale locale = LocaleContextHolder.getLocale();
        return "zh".equals(locale.getLanguage()) ? locale : null;
    }

    /** A title: the bundle's under {@code key} for a Chinese reader, else {@code english}. */
    public String title(String key, String english) {
        return say(key, english);
    }

    /** A detail the code words itself; {@code arguments} fill the Chinese text's placeholders. */
    public String say(String key, String english, Object... arguments) {
        Locale chinese = chinese();
        return chinese == null ? english
                : messages.getMessage(key, figures(Arrays.asList(arguments)), english, chinese);
    }

    /** A rule's refusal: its Chinese text when the bundles have the rule, else as the rule wrote it. */
    public String rule(String rule, String asWritten) {
        return rule(rule, rule, asWritten, List.of());
    }

    /** A rule's refusal whose Chinese text places the figures the English one names (the limit, the value given). */
    public String rule(RuleViolation e) {
        return rule(e.rule(), e.textCode(), e.getMessage(), e.figures());
    }

    /**
     * The refusal by {@code rule} said by the text of {@code textCode} (its specific reason's when it covers several),
     * naming the opening or final reading the rule is about ({@link ReadingOccasion}) where the reason's text does not.
     */
    private String rule(String rule, String textCode, String asWritten, List<Object> figures) {
        Locale chinese = chinese();
        if (chinese == null) {
            return pages.momentsIn(asWritten, figures);
        }
        if (textCode == null) {
            return asWritten;
        }
        String said = messages.getMessage("problem.rule." + textCode, figures(figures),
                pages.momentsIn(asWritten, figures), chinese);
        return ReadingOccasion.of(rule, textCode)
                .map(reading -> messages.getMessage(reading.textKey(), new Object[]{said}, said, chinese))
                .orElse(said);
    }

    /** "account a-1 was not found", naming the kind of thing in the reader's words. */
    public String notFound(NotFound e) {
        Locale chinese = chinese();
        if (chinese == null) {
            return e.getMessage();
        }
        String what = messages.getMessage("noun." + e.what(), null, e.what(), chinese);
        return messages.getMessage("problem.not-found.detail", new Object[]{what, e.id()}, e.getMessage(), chinese);
    }

    /** A refused field: its name as the client wrote it, then the rule's words. */
    public String field(FieldRejected e) {
        Locale chinese = chinese();
        return chinese == null ? e.field() + ": " + pages.momentsIn(e.reason(), e.figures())
                : e.field() + "：" + rule(e.rule(), e.textCode(), e.reason(), e.figures());
    }

    /**
     * The figures as the reader reads them: a moment (or an ISO instant written as text) on the tenant's clock, in
     * the reader's way; any other figure as it is, for the text's own number format. Null when there are none.
     */
    private Object[] figures(List<Object> figures) {
        if (figures.isEmpty()) {
            return null;
        }
        if (figures.stream().allMatch(figure -> UiFormat.momentOf(figure) == null)) {
            return figures.toArray();
        }
        UiFormat format = pages.current();
        return figures.stream().map(format::ruleFigure).toArray();
    }
}
