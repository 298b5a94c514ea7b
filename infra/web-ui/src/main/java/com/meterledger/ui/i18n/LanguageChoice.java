package com.meterledger.ui.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which language a page is shown in: the person's own choice (the switcher, kept in a cookie), else the tenant's
 * language setting, else the browser's {@code Accept-Language}, else English. Only zh-CN and English exist; any
 * Chinese ({@code zh}, {@code zh-Hans}, {@code zh-TW}) reads the simplified texts, any English the English ones, and
 * anything else (an unknown or malformed tag) counts as no answer, never an error. The tenant's setting is asked
 * only when the person chose nothing (it is a lookup).
 */
public final class LanguageChoice {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** Where the language came from, for a test or a log to say why a page is in it. */
    public enum Source { PERSON, TENANT, BROWSER, DEFAULT }

    public record Verdict(Locale locale, Source source) {
    }

    private LanguageChoice() {
    }

    public static Verdict choose(String person, Supplier<Optional<String>> tenant, List<Locale> browser) {
        Optional<Locale> chosen = supported(person);
        if (chosen.isPresent()) {
            return new Verdict(chosen.get(), Source.PERSON);
        }
        Optional<Locale> tenants = tenant.get().flatMap(LanguageChoice::supported);
        if (tenants.isPresent()) {
            return new Verdict(tenants.get(), Source.TENANT);
        }
        for (Locale accepted : browser) {
            Optional<Locale> locale = supported(accepted.getLanguage());
            if (locale.isPresent()) {
                return new Verdict(locale.get(), Source.BROWSER);
            }
        }
        return new Verdict(ENGLISH, Source.DEFAULT);
    }

    /** zh-CN or English for a language tag, or nothing for anything else. */
    public static Optional<Locale> supported(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return switch (language) {
            case "zh" -> Optional.of(CHINESE);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }

    /** The tag a page's {@code lang} attribute and the switcher carry: {@code zh-CN} or {@code en}. */
    public static String tag(Locale locale) {
        return CHINESE.getLanguage().equals(locale.getLanguage()) ? "zh-CN" : "en";
    }
}
