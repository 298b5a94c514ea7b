package com.meterledger.gateway.notification.email;

import com.meterledger.api.mail.SendStaffEmail;
import com.meterledger.gateway.notification.DeliveryFailed;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Mail to staff (verification links, invitations, password resets) over the same SMTP relay as occupant e-mail. The
 * message may hold a one-time link: nothing here logs its address or body.
 */
public class StaffEmailSender {
    private final JavaMailSender mail;
    private final String from;

    public StaffEmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    /** @throws DeliveryFailed the relay refused the message or could not be reached */
    @CommandHandler
    public void handle(SendStaffEmail command) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(command.to());
            helper.setSubject(command.subject());
            helper.setText(command.body(), false);
            mail.send(message);
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailed("SMTP: " + e.getClass().getSimpleName(), e);
        }
    }
}
