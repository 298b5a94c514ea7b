package com.meterledger.gateway.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import com.meterledger.api.shared.TenantId;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sends one notification to the occupant of its account over each channel the occupant prefers, at most once per
 * event and channel. A failing transport is tried a bounded number of times, then the failure is logged and recorded
 * and the event processor moves on: a broken SMTP server never stalls or loops the stream.
 */
public class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final OccupantContacts contacts;
    private final NotificationLog sentLog;
    private final NotificationTexts texts;
    private final Map<Channel, NotificationPort> ports = new EnumMap<>(Channel.class);
    private final Clock clock;
    private final Duration maxAge;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Voices voices;
    private final UnaryOperator<String> unsubscribeLinks;
    private final OfferedChannels offered;

    public Notifier(OccupantContacts contacts, NotificationLog sentLog, NotificationTexts texts,
                    List<NotificationPort> ports, Clock clock, Duration maxAge, int maxAttempts,
                    Duration retryBackoff) {
        this(contacts, sentLog, texts, ports, clock, maxAge, maxAttempts, retryBackoff, Voices.standard(texts),
                path -> path);
    }

    /**
     * @param voices           the landlord's name and language a message is written in
     * @param unsubscribeLinks the public address of an unsubscribe path ({@code /pay/alerts/stop/...})
     */
    public Notifier(OccupantContacts contacts, NotificationLog sentLog, NotificationTexts texts,
                    List<NotificationPort> ports, Clock clock, Duration maxAge, int maxAttempts,
                    Duration retryBackoff, Voices voices, UnaryOperator<String> unsubscribeLinks) {
        this(contacts, sentLog, texts, ports, clock, maxAge, maxAttempts, retryBackoff, voices, unsubscribeLinks,
                OfferedChannels.standard());
    }

    /**
     * @param offered the channels the landlord offers its occupants now: an occupant's own choice is sent over those
     *                only (a channel the landlord stopped offering is not used, though the occupant chose it)
     */
    public Notifier(OccupantContacts contacts, NotificationLog sentLog, NotificationTexts texts,
                    List<NotificationPort> ports, Clock clock, Duration maxAge, int maxAttempts,
                    Duration retryBackoff, Voices voices, UnaryOperator<String> unsubscribeLinks,
                    OfferedChannels offered) {
        this.offered = offered;
        this.voices = voices;
        this.unsubscribeLinks = unsubscribeLinks;
        this.contacts = contacts;
        this.sentLog = sentLog;
        this.texts = texts;
        for (NotificationPort port : ports) {
            if (this.ports.putIfAbsent(port.channel(), port) != null) {
                throw new IllegalStateException("two adapters for channel " + port.channel());
            }
        }
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryBackoff = retryBackoff == null ? Duration.ZERO : retryBackoff;
    }

    public void notify(Notification notification) {
        Optional<OccupantContact> found = contacts.find(notification.tenant(), notification.accountId());
        // the occupant's own choice, once made, decides low-balance warnings: their addresses, or none (opted out)
        Optional<AlertChoice> own = notification.kind() == NotificationKind.LOW_BALANCE
                ? contacts.alertChoice(notification.tenant(), notification.accountId()) : Optional.empty();
        Optional<OccupantContact> recipient = own.isPresent()
                ? Optional.of(own.get().asRecipient(notification.tenant(), notification.accountId(),
                found.map(OccupantContact::name).orElse(null), offered.of(notification.tenant())))
                : found;
        if (recipient.isEmpty() || recipient.get().channels().isEmpty()) {
            log.debug("No contact for account {} of tenant {}: {} not sent", notification.accountId(),
                    notification.tenant(), notification.kind());
            return;
        }
        if (maxAge != null && !maxAge.isZero()
                && notification.occurredAt().isBefore(clock.instant().minus(maxAge))) {
            // a first run or a replay over old history must not wake occupants with news from last year
            log.info("Event {} ({}) is older than {}: not sent", notification.eventId(), notification.kind(), maxAge);
            return;
        }
        OccupantContact contact = recipient.get();
        String unsubscribe = own.map(AlertChoice::token).map(token -> unsubscribeLinks.apply(
                unsubscribePath(notification.tenant(), token))).orElse(null);
        RenderedMessage message = texts.render(notification, contact.name(),
                voices.of(notification.tenant(), own.map(AlertChoice::language).orElse(null)), unsubscribe);
        for (Channel channel : contact.channels()) {
            if (!sentLog.claim(notification, channel)) {
                log.debug("Event {} was already notified by {}", notification.eventId(), channel);
                continue;
            }
            NotificationPort port = ports.get(channel);
            if (port == null) {
                log.warn("Channel {} is not enabled: {} for account {} not sent", channel, notification.kind(),
                        notification.accountId());
                sentLog.failed(notification.eventId(), channel, 0, "channel " + channel + " is not enabled");
                continue;
            }
            deliver(port, new NotificationPort.Delivery(notification, contact, message));
        }
    }

    /** Where an alert's way out leads: the tenant binds the lookup (row-level security), the token finds the row. */
    public static String unsubscribePath(TenantId tenant, String token) {
        return "/pay/alerts/stop/" + tenant.value() + "/" + token;
    }

    private void deliver(NotificationPort port, NotificationPort.Delivery delivery) {
        Notification n = delivery.notification();
        String lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                port.send(delivery);
                sentLog.sent(n.eventId(), port.channel(), attempt);
                log.info("Sent {} for account {} by {} (event {})", n.kind(), n.accountId(), port.channel(),
                        n.eventId());
                return;
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Attempt {}/{} to send {} for account {} by {} failed: {}", attempt, maxAttempts, n.kind(),
                        n.accountId(), port.channel(), lastError);
                if (attempt < maxAttempts && !pause(attempt)) {
                    lastError = "interrupted after " + lastError;
                    sentLog.failed(n.eventId(), port.channel(), attempt, lastError);
                    return;
                }
            }
        }
        log.error("Gave up sending {} for account {} by {} after {} attempts (event {})", n.kind(), n.accountId(),
                port.channel(), maxAttempts, n.eventId());
        sentLog.failed(n.eventId(), port.channel(), maxAttempts, lastError);
    }

    private boolean pause(int attempt) {
        long millis = retryBackoff.toMillis() << Math.min(attempt - 1, 10);
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
