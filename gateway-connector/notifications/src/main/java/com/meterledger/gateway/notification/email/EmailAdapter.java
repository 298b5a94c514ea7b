package com.meterledger.gateway.notification.email;

import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.NotificationPort;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Notifications as plain-text e-mail over SMTP. */
public class EmailAdapter implements NotificationPort {
    public static final String EVENT_ID_HEADER = "X-MeterLedger-Event-Id";

    private final JavaMailSender mail;
    private final String from;

    public EmailAdapter(JavaMailSender mail, String from) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("meterledger.notifications.email.from is required");
        }
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(delivery.recipient().email());
            helper.setSubject(delivery.message().subject());
            helper.setText(delivery.message().body(), false);
            message.setHeader(EVENT_ID_HEADER, delivery.notification().eventId());
            mail.send(message);
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailed("SMTP: " + e.getMessage(), e);
        }
    }
}
