package com.meterledger.gateway.notification;

import com.meterledger.api.shared.Money;

import java.text.MessageFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

import static com.meterledger.gateway.notification.Amounts.format;

/**
 * Says what happened in plain words, in zh-CN or English (bundle {@code notifications/texts}), signed with the
 * landlord's name: an occupant knows their landlord, not the platform. Amounts are the exact decimals of
 * {@link Amounts} in both languages (an SMS is no place for a locale's grouping).
 */
public class NotificationTexts {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "notifications.texts";

    /**
     * In whose name and language a message goes out.
     *
     * @param landlord the tenant's organisation, named in the help line; null for a tenant that is not data (its
     *                 messages end with the configured signature)
     * @param locale   zh-CN or English
     */
    public record Voice(String landlord, Locale locale) {
        public Voice {
            landlord = landlord == null || landlord.isBlank() ? null : landlord.strip();
            locale = locale != null && CHINESE.getLanguage().equals(locale.getLanguage()) ? CHINESE : Locale.ENGLISH;
        }

        /** {@code zh-CN}, {@code zh} or {@code en}; anything else reads English. */
        public static Voice of(String landlord, String language) {
            return new Voice(landlord, language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
        }
    }

    private final String signature;
    private final Voice standard = new Voice(null, Locale.ENGLISH);

    public NotificationTexts(String signature) {
        this.signature = signature == null || signature.isBlank() ? "MeterLedger" : signature.strip();
    }

    /** No landlord known, in English: the configured signature ends the message. */
    public Voice standardVoice() {
        return standard;
    }

    public RenderedMessage render(Notification n, String recipientName) {
        return render(n, recipientName, standard, null);
    }

    /**
     * @param unsubscribe where the occupant turns these alerts off (their own low-balance choice), or null
     */
    public RenderedMessage render(Notification n, String recipientName, Voice voice, String unsubscribe) {
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, voice.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String account = n.accountId().value();
        String subject;
        String text;
        switch (n.kind()) {
            case LOW_BALANCE -> {
                subject = say(texts, "low.subject", format(required(n.balance(), "balance")));
                text = say(texts, "low.text", account, format(n.balance()), String.valueOf(n.warningLevel()),
                        format(required(n.threshold(), "threshold")));
            }
            case DEPLETED -> {
                subject = say(texts, "depleted.subject");
                text = say(texts, "depleted.text", account, format(required(n.balance(), "balance")),
                        format(required(n.threshold(), "cut-off level")));
            }
            case SUPPLY_OFF -> {
                subject = say(texts, "off.subject");
                text = say(texts, "off.text", meter(texts, n), account);
            }
            case SUPPLY_ON -> {
                subject = say(texts, "on.subject");
                text = say(texts, "on.text", meter(texts, n), account);
            }
            case TOP_UP_RECEIVED -> {
                subject = say(texts, "topup.subject", format(required(n.amount(), "amount")));
                String reference = n.reference() == null || n.reference().isBlank() ? ""
                        : say(texts, "topup.reference", n.reference());
                text = say(texts, "topup.text", format(n.amount()), account, reference,
                        format(required(n.balance(), "balance")));
            }
            case PAYMENT_LINK -> {
                subject = say(texts, "link.subject", account);
                text = say(texts, "link.text", account, n.reference(),
                        DateTimeFormatter.ISO_LOCAL_DATE.format(n.occurredAt().atZone(ZoneOffset.UTC)));
            }
            default -> throw new IllegalStateException("no text for " + n.kind());
        }
        if (unsubscribe != null) {
            // an SMS carries the text only: the way out goes into it, not just into the e-mail's body
            text = text + "\n" + say(texts, "unsubscribe", unsubscribe);
        }
        String greeting = recipientName == null || recipientName.isBlank() ? say(texts, "greeting")
                : say(texts, "greeting.named", recipientName.strip());
        String signOff = voice.landlord() == null ? signature : say(texts, "help", voice.landlord());
        String body = greeting + "\n\n" + text + "\n\n" + signOff + "\n";
        return new RenderedMessage(subject, text, body);
    }

    private static String say(ResourceBundle texts, String key, Object... arguments) {
        String pattern = texts.getString(key);
        return arguments.length == 0 ? pattern.replace("''", "'")
                : new MessageFormat(pattern, texts.getLocale()).format(arguments);
    }

    private static String meter(ResourceBundle texts, Notification n) {
        return n.meterId() == null ? say(texts, "meter.unknown") : n.meterId().value();
    }

    private static Money required(Money money, String what) {
        if (money == null) {
            throw new IllegalArgumentException("a notification of this kind needs its " + what);
        }
        return money;
    }
}
