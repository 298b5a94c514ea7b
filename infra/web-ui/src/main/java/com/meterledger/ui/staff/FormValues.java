package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A form's text turned into the API request's types; text that is not a value of the type is refused naming its
 * field (rule {@value Forms#INVALID_FIELD}), as the API refuses a JSON value of the wrong type. Blank means absent.
 */
final class FormValues {
    private FormValues() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static BigDecimal decimal(String field, String value) {
        String text = text(value);
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new FieldRejected(field, Forms.INVALID_FIELD, Reason.of("field-not-a-number",
                    "must be a number such as 12.5"));
        }
    }

    static Long whole(String field, String value) {
        String text = text(value);
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new FieldRejected(field, Forms.INVALID_FIELD, Reason.of("field-not-whole-number",
                    "must be a whole number"));
        }
    }

    static <E extends Enum<E>> E choice(String field, Class<E> type, String value) {
        String text = text(value);
        try {
            return text == null ? null : Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldRejected(field, Forms.INVALID_FIELD, Reason.of("field-not-a-choice",
                    "is not one of the choices"));
        }
    }

    /** A {@code datetime-local} (or a date) read in the tenant's zone; blank is now. */
    static Instant moment(String field, String value, ZoneId zone, Instant now) {
        String text = text(value);
        if (text == null) {
            return now;
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                    : LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new FieldRejected(field, Forms.INVALID_FIELD, Reason.of("field-not-a-moment",
                    "must be a date and time such as 2027-01-31T08:00"));
        }
    }
}
