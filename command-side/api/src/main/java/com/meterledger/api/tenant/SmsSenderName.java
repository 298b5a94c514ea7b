package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;

/**
 * The name a tenant's SMS go out under, in one of the two forms SMS providers take, judged by {@link #judge}:
 * <ul>
 *   <li>an <b>alphanumeric sender ID</b> (GSM 03.40 originator address): at most 11 characters, Latin letters, digits
 *   and spaces, at least one letter (an all-digit sender is taken for a phone number and rejected or rewritten by
 *   carriers). It goes in the provider's {@code from}; the handset shows it as the sender.</li>
 *   <li>a <b>Chinese signature</b> (短信签名, as Aliyun and Tencent Cloud SMS require): 2 to 12 Chinese characters,
 *   Latin letters or digits, no spaces or punctuation, written in 【】 (given with or without them). Chinese carriers
 *   need it at the head of the text, so the text carries it: {@code 【物业名】您的余额...}.</li>
 * </ul>
 * Anything else is refused naming {@code senderName} and the rule, rather than stored and then refused by the provider
 * for every SMS (which the occupant would never know).
 *
 * @param value as stored: the sender ID, or the signature with its 【】
 */
public record SmsSenderName(String value) {
    public static final String MISSING = "sms-sender-missing";
    public static final String LENGTH = "sms-sender-length";
    public static final String CHARACTERS = "sms-sender-characters";
    public static final String NO_LETTER = "sms-sender-no-letter";
    public static final String BRACKETS = "sms-sender-brackets";
    /** GSM 03.40: an alphanumeric originator address holds 11 characters. */
    public static final int MAX_SENDER_ID = 11;
    /** Aliyun's and Tencent Cloud's signature bounds (2 to 12 characters). */
    public static final int MIN_SIGNATURE = 2;
    public static final int MAX_SIGNATURE = 12;
    private static final String OPEN = "【";
    private static final String CLOSE = "】";

    public SmsSenderName {
        switch (judge(value)) {
            case Refused refused -> throw new FieldRejected("senderName", refused.rule(), refused.reason());
            case SenderId id -> value = id.id();
            case Signature signature -> value = OPEN + signature.name() + CLOSE;
        }
    }

    /** What the text says about a typed name. */
    public sealed interface Verdict permits SenderId, Signature, Refused {
    }

    /** An alphanumeric sender ID, as the provider's {@code from}. */
    public record SenderId(String id) implements Verdict {
    }

    /** A Chinese-style signature, without its 【】. */
    public record Signature(String name) implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    public static Verdict judge(String typed) {
        if (typed == null || typed.isBlank()) {
            return new Refused(MISSING, "is required: a sender ID such as HarbourHome, or a signature such as 【海港物业】");
        }
        if (FreeText.judge(typed, 64) instanceof FreeText.Refused refused) {
            return new Refused(refused.rule(), refused.reason());
        }
        String name = typed.strip();
        boolean opens = name.startsWith(OPEN);
        boolean closes = name.endsWith(CLOSE);
        if (opens != closes || (opens && name.length() < 2)) {
            return new Refused(BRACKETS, "a signature is written in 【】 as a whole, such as 【海港物业】");
        }
        if (opens) {
            return signature(name.substring(1, name.length() - 1));
        }
        if (name.codePoints().anyMatch(SmsSenderName::han)) {
            return signature(name);
        }
        if (name.codePointCount(0, name.length()) > MAX_SENDER_ID) {
            return new Refused(LENGTH, "a sender ID has at most %d characters (it has %d)"
                    .formatted(MAX_SENDER_ID, name.codePointCount(0, name.length())));
        }
        if (!name.chars().allMatch(c -> latinOrDigit(c) || c == ' ')) {
            return new Refused(CHARACTERS, "a sender ID has Latin letters, digits and spaces only");
        }
        if (name.chars().noneMatch(Character::isLetter)) {
            return new Refused(NO_LETTER, "a sender ID needs at least one letter (digits only read as a phone number)");
        }
        return new SenderId(name.replaceAll(" +", " "));
    }

    private static Verdict signature(String name) {
        int length = name.codePointCount(0, name.length());
        if (length < MIN_SIGNATURE || length > MAX_SIGNATURE) {
            return new Refused(LENGTH, "a signature has %d to %d characters (it has %d)"
                    .formatted(MIN_SIGNATURE, MAX_SIGNATURE, length));
        }
        if (!name.codePoints().allMatch(c -> han(c) || latinOrDigit(c))) {
            return new Refused(CHARACTERS, "a signature has Chinese characters, Latin letters and digits only, "
                    + "no spaces or punctuation");
        }
        return new Signature(name);
    }

    /** A signature's form: carried at the head of the text. */
    public boolean signature() {
        return value.startsWith(OPEN);
    }

    /** What goes in the provider's {@code from}: the sender ID, or the signature's name without its 【】. */
    public String from() {
        return signature() ? value.substring(1, value.length() - 1) : value;
    }

    /** The text as it is sent: a signature at its head, a sender ID's text unchanged (the handset shows the sender). */
    public String sign(String text) {
        return signature() ? value + text : text;
    }

    private static boolean han(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean latinOrDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
