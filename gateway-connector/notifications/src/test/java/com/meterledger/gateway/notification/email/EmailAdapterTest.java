package com.meterledger.gateway.notification.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.Fixtures;
import com.meterledger.gateway.notification.NotificationPort;
import com.meterledger.gateway.notification.NotificationTexts;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.ServerSocket;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The e-mail adapter against a real SMTP server in the test JVM (GreenMail); the delivered mail is read back. */
class EmailAdapterTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static NotificationPort.Delivery topUpFor(String email) {
        var notification = Fixtures.topUp("evt-mail-1");
        var contact = new com.meterledger.gateway.notification.OccupantContact(Fixtures.TENANT, Fixtures.ACCOUNT,
                "Zoë Ångström", email, null, null, java.util.Set.of(Channel.EMAIL));
        return new NotificationPort.Delivery(notification, contact,
                new NotificationTexts("Harbour Estates").render(notification, contact.name()));
    }

    @Test
    void sendsAPlainTextMailThatArrivesWithSubjectBodyAndEventId() throws Exception {
        EmailAdapter adapter = new EmailAdapter(sender(smtp.getSmtp().getPort()), "Harbour Estates <billing@harbour.example>");
        adapter.send(topUpFor("zoe@example.org"));

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Top-up received: 20.00 EUR");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("billing@harbour.example");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("zoe@example.org");
        assertThat(mail.getHeader(EmailAdapter.EVENT_ID_HEADER)).containsExactly("evt-mail-1");
        assertThat(mail.getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(mail.getContent().toString().replace("\r\n", "\n"))
                .startsWith("Hello Zoë Ångström,")
                .contains("We received your top-up of 20.00 EUR for your prepaid account acc-1 (reference receipt-7). "
                        + "Your balance is now 24.50 EUR.")
                .endsWith("\n\nHarbour Estates");
    }

    @Test
    void anUnreachableServerIsADeliveryFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailAdapter adapter = new EmailAdapter(sender(closedPort), "billing@harbour.example");
        assertThatThrownBy(() -> adapter.send(topUpFor("zoe@example.org")))
                .isInstanceOf(DeliveryFailed.class)
                .hasMessageStartingWith("SMTP:");
    }
}
