package com.meterledger.app.notification;

import com.meterledger.app.support.Api;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Landlord staff send a payment link to the occupant's stored contact; the link is in the message and nowhere else. */
@ExtendWith(OutputCaptureExtension.class)
class PaymentLinkSendingTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    private static final Pattern LINK = Pattern.compile("http://occupants\\.test/pay/(\\S+)\\?token=([\\w.-]+)");

    private String id;
    private String account;
    private Api landlord;

    @BeforeEach
    void anAccountWithALink() {
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", Instant.parse("2026-03-01T00:00:00Z"), "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> landlord.get("/api/accounts/" + account).status() == 200);
    }

    @Test
    void aLinkGoesToTheOccupantsStoredEmailWorksAndIsNeverLoggedOrStoredInEvents(CapturedOutput output)
            throws Exception {
        String email = "occupant-" + id + "@example.org";
        contact("""
                {"name":"Ada","email":"%s","channels":["EMAIL"]}""".formatted(email));
        String linkId = issue();

        Api.Response sent = landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"EMAIL"}""");
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messagesTo(email).size() == 1);
        MimeMessage mail = mailbox.messagesTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Top up your prepaid account " + account);
        Matcher link = LINK.matcher(mail.getContent().toString());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(account);
        String token = link.group(2);
        // the mailed link opens the account
        assertThat(anonymous().get("/pay/%s/balance?token=%s".formatted(account, token)).status()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(token).contains("Sent payment link " + linkId);
        assertThat(new EventStore(OwnerJdbc.client()).of(account))
                .noneMatch(event -> event.payload().toString().contains(token));
    }

    @Test
    void withoutAContactOrAnAddressForTheChannelNothingIsSent() {
        String linkId = issue();
        Api.Response none = landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"EMAIL"}""");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.text("rule")).isEqualTo("occupant-contact-missing");

        contact("""
                {"email":"only-mail-%s@example.org","channels":["EMAIL"]}""".formatted(id));
        Api.Response noPhone = landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"SMS"}""");
        assertThat(noPhone.status()).isEqualTo(422);
        assertThat(noPhone.text("rule")).isEqualTo("occupant-contact-missing");
        assertThat(landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"WEBHOOK"}""").status()).isEqualTo(422);
        assertThat(landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"FAX"}""").status()).isEqualTo(400);
        assertThat(mailbox.messagesTo("only-mail-" + id + "@example.org")).isEmpty();
    }

    @Test
    void aRevokedUnknownOrForeignLinkIsNotSent() {
        contact("""
                {"email":"revoked-%s@example.org","channels":["EMAIL"]}""".formatted(id));
        String linkId = issue();
        assertThat(as(TENANT_B).post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"EMAIL"}""").status()).isEqualTo(404);
        assertThat(landlord.post("/api/payment-links/pl-unknown-%s/send".formatted(id), """
                {"channel":"EMAIL"}""").status()).isEqualTo(404);
        assertThat(landlord.delete("/api/payment-links/" + linkId).status()).isEqualTo(204);

        Api.Response revoked = landlord.post("/api/payment-links/%s/send".formatted(linkId), """
                {"channel":"EMAIL"}""");
        assertThat(revoked.status()).isEqualTo(422);
        assertThat(revoked.text("rule")).isEqualTo("payment-link-not-live");
        assertThat(mailbox.messagesTo("revoked-" + id + "@example.org")).isEmpty();
    }

    private void contact(String json) {
        // the contact endpoint knows the account once the notifications processor has seen AccountOpened
        await().atMost(Duration.ofSeconds(20)).until(() ->
                landlord.put("/api/accounts/%s/contact".formatted(account), json).status() == 200);
    }

    private String issue() {
        Api.Response link = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
        assertThat(link.status()).isEqualTo(201);
        return link.text("linkId");
    }
}
