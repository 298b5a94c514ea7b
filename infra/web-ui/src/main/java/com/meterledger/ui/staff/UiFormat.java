package com.meterledger.ui.staff;

import com.meterledger.ui.i18n.LanguageChoice;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Formatting for templates ({@code ${fmt.money(...)}}): exact decimals from minor units, never a double; moments in
 * the tenant's zone, named on the page. English writes {@code 1234.50 CNY} and {@code 2026-12-06 20:33:01 UTC};
 * Chinese {@code ¥1,234.50} (the currency's symbol as CLDR writes it for zh-CN, {@code €} for EUR) and
 * {@code 2026年12月6日 20:33:01 Asia/Shanghai}. The bean is the English, UTC one (for parsing, which is the same in
 * every language); a page's own is {@link #in}.
 */
@Component("fmt")
public class UiFormat {
    private static final Set<String> UTC_IDS = Set.of("Z", "UTC", "Etc/UTC", "GMT", "Etc/GMT", "UT");
    private final Locale locale;
    private final ZoneId zone;
    private final boolean chinese;
    private final DateTimeFormatter time;
    private final DateTimeFormatter minute;
    private final DateTimeFormatter day;
    private final DateTimeFormatter month;

    public UiFormat() {
        this(LanguageChoice.ENGLISH, ZoneOffset.UTC);
    }

    private UiFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.chinese = LanguageChoice.CHINESE.getLanguage().equals(locale.getLanguage());
        this.time = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月d日 HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", locale)
                .withZone(zone);
        this.minute = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月d日 HH:mm" : "yyyy-MM-dd HH:mm", locale);
        this.day = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月d日" : "yyyy-MM-dd", locale);
        this.month = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月" : "yyyy-MM", locale);
    }

    /** The same formatting for a page in {@code locale} whose times are the clock of {@code zone}. */
    public UiFormat in(Locale locale, ZoneId zone) {
        return new UiFormat(LanguageChoice.supported(locale.toLanguageTag()).orElse(LanguageChoice.ENGLISH), zone);
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The zone as the page names it: {@code UTC}, or its region id such as {@code Asia/Shanghai}. */
    public String zoneLabel() {
        return label(zone);
    }

    /** Any zone as the pages name it (a friendly window's, a dashboard's). */
    public String zoneName(ZoneId zone) {
        return label(zone);
    }

    public static String label(ZoneId zone) {
        return UTC_IDS.contains(zone.getId()) ? "UTC" : zone.getId();
    }

    public String money(long minor, String currency) {
        BigDecimal amount = amount(minor, currency);
        if (!chinese) {
            return amount.toPlainString() + " " + currency;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(Math.max(0, unit.getDefaultFractionDigits()));
        format.setMaximumFractionDigits(Math.max(0, unit.getDefaultFractionDigits()));
        return format.format(amount);
    }

    /** An amount that may be absent (one side of a reconciliation line); Stripe writes currencies in lower case. */
    public String moneyOrDash(Long minor, String currency) {
        if (minor == null) {
            return "—";
        }
        return currency == null ? minor.toString() : money(minor.longValue(), currency.toUpperCase(Locale.ROOT));
    }

    /** The plain decimal (for charts and machine-readable attributes). */
    public BigDecimal amount(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits);
    }

    /** A typed decimal amount in minor units of the currency; more decimals than the currency has are refused. */
    public long minor(String amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        try {
            return new BigDecimal(amount.trim()).setScale(digits).movePointRight(digits).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'amount' must be a number with at most " + digits
                    + " decimals, not '" + amount + "'");
        }
    }

    /** A moment to the minute as the clock on the wall of its zone shows it (the zone is the page's to name). */
    public String localMinute(ZonedDateTime moment) {
        return minute.format(moment);
    }

    /** A moment as the tenant's clock shows it, with the zone named. */
    public String time(Instant instant) {
        return instant == null ? "—" : time.format(instant) + " " + zoneLabel();
    }

    /**
     * An alert's figure as the reader reads it: a moment the evaluator wrote as an ISO-8601 instant (a meter's last
     * reading, a gateway's last message) on the tenant's clock with the zone named, like every other moment on the
     * page; any other figure (hours, counts, percentages) as it is.
     */
    public String figure(String value) {
        Instant moment = momentOf(value);
        return moment == null ? value : time(moment);
    }

    /**
     * A rule's figure as the reader reads it (the placeholders of {@code problem.rule.<code>}): a moment on the
     * tenant's clock with the zone named; any other figure as it is, for its text's own number format.
     */
    public Object ruleFigure(Object figure) {
        Instant moment = momentOf(figure);
        return moment == null ? figure : time(moment);
    }

    /**
     * A rule's English words with each moment among its figures on the tenant's clock, the zone named, as the page
     * writes its other moments: a rule writes a moment as its ISO-8601 instant ({@code read at 2026-12-06T16:00:00Z}),
     * which programs read from the problem's {@code figures} rather than from the words a person reads. Null stays
     * null (a text not kept).
     */
    public String momentsIn(String asWritten, List<Object> figures) {
        String said = asWritten;
        for (Object figure : figures) {
            Instant moment = momentOf(figure);
            if (said != null && moment != null) {
                said = said.replace(String.valueOf(figure), time(moment));
            }
        }
        return said;
    }

    /**
     * The moment a figure is, or null: an instant, a date-time with its offset, or an ISO-8601 instant written as text
     * ({@code 2026-12-06T16:00:00Z}, as rules write moments in English and evaluators store them).
     */
    public static Instant momentOf(Object figure) {
        return switch (figure) {
            case Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case String text when text.length() >= 20 && text.charAt(10) == 'T' && text.endsWith("Z") -> {
                try {
                    yield Instant.parse(text);
                } catch (java.time.format.DateTimeParseException notAMoment) {
                    yield null;
                }
            }
            case null, default -> null;
        };
    }

    /** A calendar day (a report's, a receipt's). */
    public String day(LocalDate date) {
        return date == null ? "—" : day.format(date);
    }

    /** A calendar month (head office's "this month"), as the language writes one: {@code 2026-12}, {@code 2026年12月}. */
    public String month(YearMonth yearMonth) {
        return yearMonth == null ? "—" : month.format(yearMonth);
    }
}
