package com.meterledger.gateway.notification;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges what an occupant typed into the portal's alert form: a chosen channel needs its address, and an address must
 * be one. Addresses of a channel not chosen are not kept (nothing stored that is not used). Each refusal names its
 * field and a stable rule code; the page says it in the occupant's language.
 */
public final class AlertChoiceRule {
    public static final String EMAIL_MISSING = "alert-email-missing";
    public static final String EMAIL_MALFORMED = "alert-email-malformed";
    public static final String PHONE_MISSING = "alert-phone-missing";
    public static final String PHONE_MALFORMED = "alert-phone-malformed";
    /** channels: a channel the landlord does not offer (its notification channels) cannot be chosen. */
    public static final String NOT_OFFERED = "alert-channel-not-offered";

    /** One @, a dot in the domain, no space or control character; 254 characters at most (RFC 5321's path). */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    /** E.164, as SMS providers take it: +8613812345678, +31612345678. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private AlertChoiceRule() {
    }

    public sealed interface Verdict permits Chosen, Refused {
    }

    public record Chosen(Set<Channel> channels, String email, String phone) implements Verdict {
    }

    public record Refused(String field, String rule) implements Verdict {
    }

    public static Verdict judge(boolean byEmail, String email, boolean bySms, String phone) {
        return judge(Set.of(Channel.EMAIL, Channel.SMS), byEmail, email, bySms, phone);
    }

    /**
     * @param offered the channels the landlord offers; choosing another is refused naming its box ({@code byEmail},
     *                {@code bySms}), before any address is judged
     */
    public static Verdict judge(Set<Channel> offered, boolean byEmail, String email, boolean bySms, String phone) {
        if (byEmail && !offered.contains(Channel.EMAIL)) {
            return new Refused("byEmail", NOT_OFFERED);
        }
        if (bySms && !offered.contains(Channel.SMS)) {
            return new Refused("bySms", NOT_OFFERED);
        }
        String mail = email == null ? "" : email.strip();
        // people write numbers in groups: +86 138-1234-5678 is +8613812345678
        String number = phone == null ? "" : phone.replaceAll("[\\s\\-().]", "");
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (byEmail) {
            if (mail.isEmpty()) {
                return new Refused("email", EMAIL_MISSING);
            }
            if (mail.length() > 254 || !EMAIL.matcher(mail).matches()) {
                return new Refused("email", EMAIL_MALFORMED);
            }
            channels.add(Channel.EMAIL);
        }
        if (bySms) {
            if (number.isEmpty()) {
                return new Refused("phone", PHONE_MISSING);
            }
            if (!PHONE.matcher(number).matches()) {
                return new Refused("phone", PHONE_MALFORMED);
            }
            channels.add(Channel.SMS);
        }
        return new Chosen(channels, byEmail ? mail : null, bySms ? number : null);
    }
}
