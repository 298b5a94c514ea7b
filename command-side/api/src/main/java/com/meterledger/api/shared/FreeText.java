package com.meterledger.api.shared;

import com.meterledger.api.error.FieldRejected;

/**
 * The one rule for free text that crosses an edge (HTTP bodies and parameters, MQTT payloads, payment webhooks):
 * names, addresses, references, reasons, notes and ids chosen by the outside. Text must be well-formed Unicode
 * without control characters (C0, DEL, C1) and within a length bound counted in characters, as PostgreSQL counts
 * {@code varchar(n)}. Why: PostgreSQL refuses a NUL in text, so a NUL accepted at the edge becomes an event the
 * projections can never write, and every later event of its account is dead-lettered behind it; the other control
 * characters forge log lines and corrupt exports and screens. No field of MeterLedger is multi-line, so none needs
 * a line break. Pure: it judges a value and names the rule; the edge decides how to answer.
 */
public final class FreeText {
    /** Names of properties, units and contacts (their columns are {@code varchar(200)}). */
    public static final int NAME = 200;
    /** References, reasons, notes and addresses (the ledger's reference column is {@code varchar(500)}). */
    public static final int TEXT = 500;
    /** Ids chosen by the outside (a payment provider's event id and type, a gateway's firmware version). */
    public static final int OUTSIDE_ID = 255;

    public static final String CONTROL_CHARACTER = "text-control-character";
    public static final String MALFORMED = "text-malformed";
    public static final String TOO_LONG = "text-too-long";

    private FreeText() {
    }

    public sealed interface Verdict permits Fits, Refused {
    }

    public record Fits() implements Verdict {
    }

    /** @param rule a stable code ({@link #CONTROL_CHARACTER}, {@link #MALFORMED}, {@link #TOO_LONG}) */
    public record Refused(String rule, String reason) implements Verdict {
    }

    /** Null and empty text fit: whether a field is required is the caller's rule, not this one. */
    public static Verdict judge(String value, int maxLength) {
        if (value == null) {
            return new Fits();
        }
        int position = 0;
        for (int i = 0; i < value.length(); position++) {
            int c = value.codePointAt(i);
            if (Character.isISOControl(c)) {
                return new Refused(CONTROL_CHARACTER, "must not contain control characters (U+%04X at character %d)"
                        .formatted(c, position + 1));
            }
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return new Refused(MALFORMED, "must be well-formed Unicode (a lone surrogate at character %d)"
                        .formatted(position + 1));
            }
            i += Character.charCount(c);
        }
        if (position > maxLength) {
            return new Refused(TOO_LONG, "must be at most %d characters (it has %d)".formatted(maxLength, position));
        }
        return new Fits();
    }

    /** @return {@code value} when it fits; else throws {@link FieldRejected} naming {@code field} and the rule */
    public static String require(String field, String value, int maxLength) {
        if (judge(value, maxLength) instanceof Refused refused) {
            throw new FieldRejected(field, refused.rule(), refused.reason(),
                    TOO_LONG.equals(refused.rule()) ? new Object[]{maxLength} : new Object[0]);
        }
        return value;
    }
}
