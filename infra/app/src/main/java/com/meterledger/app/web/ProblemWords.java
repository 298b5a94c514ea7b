package com.meterledger.app.web;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * A problem's words for people in the caller's language: the locale the request was given (the person's choice, then
 * the tenant's language from the token, then {@code Accept-Language}; {@code PageLocales}). English is the words the
 * code writes, so an English answer is exactly what it always was (clients and tests read it); Chinese comes from the
 * bundles ({@code problem.api.*}, a rule's {@code problem.rule.<code>}, a thing's {@code noun.<what>}), and where a
 * rule has no Chinese text yet its English one is given rather than nothing ({@code RuleTextsTest} keeps every rule
 * thrown in main code in both bundles). A rule's figures ({@link RuleViolation#figures()}) fill its Chinese text's
 * placeholders, so a translated refusal still names the limit. A rule that covers several reasons is said by its
 * specific reason's text ({@code problem.rule.<reason>}, {@link RuleViolation#textCode()}), filled with that reason's
 * figures. Rule codes, reason codes and field names never change.
 */
@Component
public class ProblemWords {
    private final MessageSource messages;

    public ProblemWords(MessageSource messages) {
        this.messages = messages;
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
                : messages.getMessage(key, arguments.length == 0 ? null : arguments, english, chinese);
    }

    /** A rule's refusal: its Chinese text when the bundles have the rule, else as the rule wrote it. */
    public String rule(String rule, String asWritten) {
        return rule(rule, asWritten, List.of());
    }

    /** A rule's refusal whose Chinese text places the figures the English one names (the limit, the value given). */
    public String rule(RuleViolation e) {
        return rule(e.textCode(), e.getMessage(), e.figures());
    }

    private String rule(String rule, String asWritten, List<Object> figures) {
        Locale chinese = chinese();
        return chinese == null || rule == null ? asWritten
                : messages.getMessage("problem.rule." + rule, figures.isEmpty() ? null : figures.toArray(), asWritten,
                chinese);
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
        return chinese == null ? e.getMessage()
                : e.field() + "：" + messages.getMessage("problem.rule." + e.textCode(),
                e.figures().isEmpty() ? null : e.figures().toArray(), e.reason(), chinese);
    }
}
