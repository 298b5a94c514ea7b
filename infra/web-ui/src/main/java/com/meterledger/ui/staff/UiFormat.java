package com.meterledger.ui.staff;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** Formatting for templates ({@code ${@fmt.money(...)}}): exact decimals from minor units, never a double. */
@Component("fmt")
public class UiFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public String money(long minor, String currency) {
        return amount(minor, currency).toPlainString() + " " + currency;
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
        return LOCAL_MINUTE.format(moment);
    }

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }
}
