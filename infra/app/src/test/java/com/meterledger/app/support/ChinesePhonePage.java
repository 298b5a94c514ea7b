package com.meterledger.app.support;

import org.openqa.selenium.JavascriptExecutor;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Chinese reader on a 390 px phone must find on every staff page, as findings (one line each, empty when the
 * page is right), so that one pass lists every page's faults at once:
 * <ul>
 * <li>the page is Chinese: {@code <html lang="zh-CN">}, the Chinese texts of the page's own labels are shown, and no
 * English text of the bundles is left where a person reads (the visible text, placeholders, labels for screen readers,
 * titles), except words the Chinese bundle itself uses (brands, units, the switcher's "English"), and no English
 * sentence built in code either (three English words in a row);</li>
 * <li>nothing scrolls sideways: {@code document.documentElement.scrollWidth <= window.innerWidth};</li>
 * <li>every moment shown is on the tenant's clock with its zone named (never an ISO instant, never UTC), written the
 * Chinese way (days and months too, but for a chart's axis), and falls inside the test's own time (a UTC clock labelled Asia/Shanghai would be
 * eight hours early);</li>
 * <li>axe-core reports no serious or critical violation.</li>
 * </ul>
 * The words come from the same bundles the pages use ({@code messages.properties}, {@code messages_zh_CN.properties}),
 * so a test reads a page in either language without copying its texts.
 */
public final class ChinesePhonePage {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    /** Three English words in a row: a sentence the bundles do not have (a message built in code), never data. */
    private static final Pattern SENTENCE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_/.-])\\p{IsLatin}[a-z]+(?: [a-z]{2,}){2,}");
    /** A day or a month written the English way ({@code 2026-12-07}, {@code 2026-12}) outside a moment. */
    private static final Pattern ISO_DAY = Pattern.compile(
            "(?<![\\p{L}\\p{N}_-])\\d{4}-\\d{2}(?:-\\d{2})?(?![\\p{L}\\p{N}_:-])");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern CHINESE_MOMENT = Pattern.compile(
            "(\\d{4})年(\\d{1,2})月(\\d{1,2})日 (\\d{2}):(\\d{2})(?::(\\d{2}))?( [A-Za-z_]+/[A-Za-z_]+| UTC)?");
    private static final Pattern ENGLISH_MOMENT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2})(?::(\\d{2}))?( [A-Za-z_]+/[A-Za-z_]+| UTC)?");
    private static final String READ = """
            const hidden = el => !(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
            const codes = [...document.querySelectorAll('code, pre, [translate=no]')].map(c => c.innerText);
            let text = document.body.innerText;
            for (const c of codes) { if (c) { text = text.split(c).join(' '); } }
            const attributes = [...document.querySelectorAll('[placeholder], [aria-label], [title], [alt]')]
                .filter(el => el.tagName !== 'HTML')
                .flatMap(el => ['placeholder', 'aria-label', 'title', 'alt'].map(a => el.getAttribute(a)))
                .filter(v => v);
            const buttons = [...document.querySelectorAll('input[type=submit], input[type=button]')]
                .filter(el => !hidden(el)).map(el => el.value);
            const charts = [...document.querySelectorAll('svg')];
            const shown = charts.map(chart => chart.style.display);
            charts.forEach(chart => chart.style.display = 'none');
            let prose = document.body.innerText;
            charts.forEach((chart, i) => chart.style.display = shown[i]);
            for (const c of codes) { if (c) { prose = prose.split(c).join(' '); } }
            return [document.documentElement.lang, document.title, text, attributes.concat(buttons).join('\\n'),
                document.documentElement.scrollWidth, window.innerWidth, prose];""";

    private final Chromium chromium;
    private final ZoneId zone;
    private final Instant since;
    private final ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
    private final List<Pattern> english = new ArrayList<>();

    /**
     * @param zone  the tenant's zone, which every moment on its pages must be shown in
     * @param since when the test began: every moment it makes the pages show is later
     */
    public ChinesePhonePage(Chromium chromium, ZoneId zone, Instant since) {
        this.chromium = chromium;
        this.zone = zone;
        this.since = since;
        bundles.setBasename("messages");
        bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundles.setFallbackToSystemLocale(false);
        Properties en = bundle("messages.properties");
        Properties zh = bundle("messages_zh_CN.properties");
        String chineseTexts = String.join("\n", zh.stringPropertyNames().stream().map(zh::getProperty).toList());
        Set<String> fragments = new LinkedHashSet<>();
        for (String key : en.stringPropertyNames()) {
            String text = en.getProperty(key);
            if (text.equals(zh.getProperty(key))) {
                continue;
            }
            for (String fragment : text.replace("''", "'").split("\\{[^}]*}|<[^>]*>")) {
                String words = fragment.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
                if (words.matches(".*\\p{IsLatin}{3,}.*") && !chineseTexts.contains(words)) {
                    fragments.add(words);
                }
            }
        }
        fragments.forEach(words -> english.add(Pattern.compile(
                "(?<![\\p{L}\\p{N}_/-])" + Pattern.quote(words) + "(?![\\p{L}\\p{N}_/-])")));
    }

    /** The text of {@code key} in {@code locale}, as a page shows it (the same message source as the pages'). */
    public String words(Locale locale, String key, Object... arguments) {
        return bundles.getMessage(key, arguments, locale);
    }

    /**
     * Everything wrong with the page as it is now, each line naming {@code page}; {@code labels} are keys whose Chinese
     * text the page must show (and whose English text it must not).
     */
    public List<String> findings(String page, String... labels) {
        List<?> read = (List<?>) ((JavascriptExecutor) chromium.driver()).executeScript(READ);
        String lang = String.valueOf(read.get(0));
        String title = String.valueOf(read.get(1));
        String text = String.valueOf(read.get(2));
        String attributes = String.valueOf(read.get(3));
        int scrollWidth = ((Number) read.get(4)).intValue();
        int innerWidth = ((Number) read.get(5)).intValue();
        String prose = String.valueOf(read.get(6));
        List<String> findings = new ArrayList<>();
        if (!"zh-CN".equals(lang)) {
            findings.add(page + ": <html lang> is " + lang + ", not zh-CN");
        }
        for (String label : labels) {
            String chinese = words(CHINESE, label);
            if (!text.contains(chinese)) {
                findings.add(page + ": no Chinese label " + label + " (" + chinese + ")");
            }
            String englishText = words(Locale.ENGLISH, label);
            if (text.contains(englishText)) {
                findings.add(page + ": English label " + label + " (" + englishText + ")");
            }
        }
        for (String where : List.of("text", "attributes", "title")) {
            String seen = switch (where) {
                case "text" -> text;
                case "attributes" -> attributes;
                default -> title;
            };
            for (Pattern words : english) {
                Matcher found = words.matcher(seen);
                if (found.find()) {
                    findings.add(page + ": English in the " + where + ": \"" + found.group() + "\" in \""
                            + around(seen, found.start(), found.end()) + "\"");
                }
            }
        }
        Matcher sentence = SENTENCE.matcher(text);
        while (sentence.find()) {
            findings.add(page + ": an English sentence \"" + around(text, sentence.start(), sentence.end()) + "\"");
        }
        if (scrollWidth > innerWidth) {
            findings.add(page + ": scrolls sideways, " + scrollWidth + " px wide on a " + innerWidth + " px screen");
        }
        findings.addAll(moments(page, text, prose));
        chromium.seriousAccessibilityViolations().forEach(violation -> findings.add(page + ": axe-core " + violation));
        return findings;
    }

    /** @param prose the text outside the charts, whose axes label their days and months in a compact numeric form */
    private List<String> moments(String page, String text, String prose) {
        List<String> findings = new ArrayList<>();
        Matcher iso = ISO_INSTANT.matcher(text);
        if (iso.find()) {
            findings.add(page + ": an ISO instant \"" + around(text, iso.start(), iso.end()) + "\"");
        }
        Matcher day = ISO_DAY.matcher(prose);
        while (day.find()) {
            findings.add(page + ": a day written the English way \"" + around(prose, day.start(), day.end()) + "\"");
        }
        for (Pattern pattern : List.of(CHINESE_MOMENT, ENGLISH_MOMENT)) {
            Matcher moment = pattern.matcher(text);
            while (moment.find()) {
                String named = moment.group(7) == null ? null : moment.group(7).trim();
                String shown = around(text, moment.start(), moment.end());
                if (pattern == ENGLISH_MOMENT) {
                    findings.add(page + ": a moment written the English way \"" + shown + "\"");
                }
                if (named == null && !text.contains(zone.getId())) {
                    findings.add(page + ": a moment without its zone \"" + shown + "\"");
                } else if (named != null && !named.equals(zone.getId())) {
                    findings.add(page + ": a moment in " + named + ", not " + zone.getId() + " \"" + shown + "\"");
                } else if (moment.group(6) != null) {
                    Instant at = LocalDateTime.parse("%s-%02d-%02dT%s:%s:%s".formatted(moment.group(1),
                                    Integer.parseInt(moment.group(2)), Integer.parseInt(moment.group(3)),
                                    moment.group(4), moment.group(5), moment.group(6)),
                            DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
                    if (at.isBefore(since.minusSeconds(60))) {
                        findings.add(page + ": a moment before the test began, not on the clock of " + zone.getId()
                                + "? \"" + shown + "\"");
                    }
                }
            }
        }
        return findings;
    }

    private static String around(String text, int start, int end) {
        return text.substring(Math.max(0, start - 30), Math.min(text.length(), end + 30)).replace('\n', ' ');
    }

    private static Properties bundle(String name) {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                ChinesePhonePage.class.getClassLoader().getResourceAsStream(name), name), StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
