package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.notification.SendPaymentLink;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an occupant their payment link over one channel, to the address in the deletable contact table. The link is
 * a bearer secret: it goes into the message only, never into a log line, an event or the notification log. Asked
 * through {@link SendPaymentLink} by the payment links' owner; a channel switched off has no sender, so no handler.
 */
public class PaymentLinkSender {
    private static final Logger log = LoggerFactory.getLogger(PaymentLinkSender.class);

    private final OccupantContacts contacts;
    private final NotificationTexts texts;
    private final Map<Channel, NotificationPort> ports = new EnumMap<>(Channel.class);

    private final Voices voices;

    public PaymentLinkSender(OccupantContacts contacts, NotificationTexts texts, List<NotificationPort> ports) {
        this(contacts, texts, ports, Voices.standard(texts));
    }

    /** @param voices the landlord's name and language the message is written in */
    public PaymentLinkSender(OccupantContacts contacts, NotificationTexts texts, List<NotificationPort> ports,
                             Voices voices) {
        this.voices = voices;
        this.contacts = contacts;
        this.texts = texts;
        ports.forEach(port -> this.ports.put(port.channel(), port));
    }

    /** The link issuer's request, for the sender's tenant. */
    @CommandHandler
    public void handle(SendPaymentLink command, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
        send(new TenantId(tenant), command.accountId(), command.linkId(), Channel.valueOf(command.channel().name()),
                command.url(), command.expiresAt());
    }

    /** @throws RuleViolation no contact, no address for the channel, or the channel is not enabled; nothing sent */
    public void send(TenantId tenant, AccountId account, String linkId, Channel channel, String url,
                     Instant expiresAt) {
        if (channel != Channel.EMAIL && channel != Channel.SMS) {
            throw new RuleViolation("payment-link-channel", "payment links go by EMAIL or SMS, not " + channel);
        }
        OccupantContact contact = contacts.find(tenant, account).orElseThrow(() -> new RuleViolation(
                "occupant-contact-missing", "account " + account + " has no occupant contact to send the link to"));
        String address = channel == Channel.EMAIL ? contact.email() : contact.phone();
        if (address == null || address.isBlank()) {
            throw new RuleViolation("occupant-contact-missing", Reason.of(
                    channel == Channel.EMAIL ? "occupant-contact-no-email" : "occupant-contact-no-phone",
                    "the occupant contact of account " + account + " has no address for " + channel));
        }
        NotificationPort port = ports.get(channel);
        if (port == null) {
            throw new RuleViolation("channel-not-enabled", Reason.of(
                    channel == Channel.EMAIL ? "channel-email-not-set-up" : "channel-sms-not-set-up",
                    "channel " + channel + " is not enabled"));
        }
        Notification notification = Notification.paymentLink("link-" + linkId + "-" + Instant.now().toEpochMilli(),
                tenant, account, expiresAt, url);
        try {
            port.send(new NotificationPort.Delivery(notification, contact, texts.render(notification, contact.name(),
                    voices.of(tenant, null), null)));
        } catch (RuntimeException e) {
            log.warn("Payment link {} for account {} could not be sent by {}: {}", linkId, account, channel,
                    e.getClass().getSimpleName());
            throw new RuleViolation("payment-link-not-delivered", channel + " did not accept the message; try again");
        }
        log.info("Sent payment link {} for account {} by {}", linkId, account, channel);
    }
}
