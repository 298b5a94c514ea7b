package com.meterledger.app.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events in, e-mail out, through the whole application on real PostgreSQL: the "notifications" tracking processor,
 * the contact table behind its REST endpoint, the notification log, and the real SMTP client against an SMTP server
 * in this JVM. The events are published here (with tenant metadata) because the aggregates do not all emit them yet.
 */
class NotificationsIntegrationTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    EventGateway events;
    @Autowired
    EventProcessingConfiguration processing;
    private final JdbcClient jdbc = OwnerJdbc.client();

    private String id;
    private String account;
    private String meter;
    private String email;

    @BeforeEach
    void openAnAccountWithAContact() {
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-n-" + id;
        meter = "m-n-" + id;
        email = "occupant-" + id + "@example.org";
        publish(TENANT_A, new AccountOpened(new AccountId(account), new UnitId("u-n-" + id), new MeterId(meter),
                Currency.getInstance("EUR"), new TariffId("flat-10"), Instant.now(), Instant.now(),
                BigDecimal.ZERO, LocalDate.now(ZoneOffset.UTC)));
        // the contact endpoint knows the account once the notifications processor has seen AccountOpened
        await().atMost(WAIT).until(() -> putContact(TENANT_A, account, """
                {"name":"Ada Lovelace","email":"%s","channels":["EMAIL"]}""".formatted(email)).status() == 200);
    }

    @Test
    void everyKindOfEventArrivesAsOneMailInPlainWordsEvenWhenTheStreamIsDeliveredAgain() throws Exception {
        AccountId accountId = new AccountId(account);
        EventMessage<?> topUp = publish(TENANT_A, new AccountCredited(accountId, Money.of(2000, "EUR"), "receipt-9", null,
                Money.of(2450, "EUR"), Instant.now()));
        publish(TENANT_A, new LowBalanceWarningReached(accountId, 1, Money.of(480, "EUR"), Money.of(500, "EUR")));
        publish(TENANT_A, new BalanceDepleted(accountId, new MeterId(meter), Money.of(-15, "EUR"), Money.of(0, "EUR")));
        publish(TENANT_A, new SupplyCommandConfirmed(new MeterId(meter), new SupplyCommandId("c-" + id),
                SupplyAction.CUT));
        publish(TENANT_A, new SupplyCommandConfirmed(new MeterId(meter), new SupplyCommandId("r-" + id),
                SupplyAction.RESTORE));

        await().atMost(WAIT).until(() -> mailbox.messagesTo(email).size() >= 5);
        List<MimeMessage> mails = mailbox.messagesTo(email);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly(
                "Top-up received: 20.00 EUR",
                "Low balance: 4.80 EUR left",
                "Your balance has run out",
                "Your supply has been switched off",
                "Your supply is on again");
        MimeMessage first = mails.get(0);
        assertThat(((InternetAddress) first.getFrom()[0]).getAddress()).isEqualTo("no-reply@meterledger.local");
        assertThat(first.getHeader("X-MeterLedger-Event-Id")).containsExactly(topUp.getIdentifier());
        assertThat(body(first)).isEqualTo("Hello Ada Lovelace,\n\nWe received your top-up of 20.00 EUR for your prepaid "
                + "account " + account + " (reference receipt-9). Your balance is now 24.50 EUR.\n\nQuestions? Ask your "
                + "landlord, Test group tenant-a.");
        assertThat(body(mails.get(2))).contains("it is -0.15 EUR (the cut-off level is 0.00 EUR)");
        assertThat(body(mails.get(3))).contains("The supply to meter " + meter + " of your prepaid account "
                + account + " has been switched off.");

        // Redeliver the whole stream to the notifications processor, as after a token reset or a lost claim.
        TrackingEventProcessor processor = processing
                .eventProcessor("notifications", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        // an event published after the reset arrives only once the replay has passed every earlier event
        publish(TENANT_A, new LowBalanceWarningReached(accountId, 2, Money.of(90, "EUR"), Money.of(100, "EUR")));
        await().atMost(WAIT).until(() -> mailbox.messagesTo(email).size() >= 6);
        assertThat(mailbox.messagesTo(email)).hasSize(6);
        assertThat(mailbox.messagesTo(email).get(5).getSubject()).isEqualTo("Low balance: 0.90 EUR left");

        assertThat(jdbc.sql("""
                        select status, attempts from notification_log where event_id = ? and channel = 'EMAIL'""")
                .param(topUp.getIdentifier())
                .query((rs, row) -> rs.getString(1) + "/" + rs.getInt(2)).list()).containsExactly("SENT/1");
        assertThat(jdbc.sql("select count(*) from notification_log where tenant_id = ? and account_id = ?")
                .params(TENANT_A, account).query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void aPreferredChannelThatCannotSendIsRecordedAsFailedAndTheOthersStillSend() {
        assertThat(putContact(TENANT_A, account, """
                {"name":"Ada","email":"%s","phone":"+31612345678","channels":["EMAIL","SMS"]}""".formatted(email))
                .status()).isEqualTo(200);
        EventMessage<?> topUp = publish(TENANT_A, new AccountCredited(new AccountId(account), Money.of(100, "EUR"),
                "r-1", null, Money.of(100, "EUR"), Instant.now()));

        await().atMost(WAIT).until(() -> mailbox.messagesTo(email).size() == 1);
        await().atMost(WAIT).until(() -> statusOf(topUp, "SMS") != null && !statusOf(topUp, "SMS").equals("SENDING"));
        assertThat(statusOf(topUp, "EMAIL")).isEqualTo("SENT");
        // SMS is off in the test configuration: the failure is recorded, not retried forever
        assertThat(statusOf(topUp, "SMS")).isEqualTo("FAILED");
    }

    @Test
    void contactDataIsPerTenantValidatedAndErasable() {
        Response mine = call(TENANT_A, HttpMethod.GET, account, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("email").asText()).isEqualTo(email);
        assertThat(mine.body().get("channels")).hasSize(1);

        // another tenant sees nothing and cannot write onto the account
        assertThat(call(TENANT_B, HttpMethod.GET, account, null).status()).isEqualTo(404);
        assertThat(putContact(TENANT_B, account, """
                {"email":"intruder@example.org","channels":["EMAIL"]}""").status()).isEqualTo(404);
        assertThat(call(TENANT_B, HttpMethod.DELETE, account, null).status()).isEqualTo(404);
        assertThat(call(TENANT_A, HttpMethod.GET, account, null).body().get("email").asText()).isEqualTo(email);

        // unknown account, bad input
        assertThat(putContact(TENANT_A, "no-such-" + id, """
                {"email":"x@example.org","channels":["EMAIL"]}""").status()).isEqualTo(404);
        assertThat(putContact(TENANT_A, account, """
                {"email":"not-an-address","channels":["EMAIL"]}""").status()).isEqualTo(400);
        assertThat(putContact(TENANT_A, account, """
                {"phone":"0612","channels":["SMS"]}""").status()).isEqualTo(400);
        assertThat(putContact(TENANT_A, account, """
                {"name":"no address for the channel","channels":["SMS"]}""").status()).isEqualTo(400);
        assertThat(putContact(TENANT_A, account, """
                {"email":"x@example.org","channels":["PIGEON"]}""").status()).isEqualTo(400);
        assertThat(putContact(TENANT_A, account, """
                {"email":"x@example.org","channels":[]}""").status()).isEqualTo(400);
        assertThat(putContact(TENANT_A, account, """
                {"webhookUrl":"http://169.254.169.254/latest","channels":["WEBHOOK"]}""").status()).isEqualTo(400);
        assertThat(call(TENANT_A, HttpMethod.GET, account, null).body().get("email").asText()).isEqualTo(email);

        // erasure: the row is gone and no further mail goes out
        assertThat(call(TENANT_A, HttpMethod.DELETE, account, null).status()).isEqualTo(204);
        assertThat(call(TENANT_A, HttpMethod.GET, account, null).status()).isEqualTo(404);
        assertThat(call(TENANT_A, HttpMethod.DELETE, account, null).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from occupant_contact where account_id = ?").param(account)
                .query(Long.class).single()).isZero();

        publish(TENANT_A, new AccountCredited(new AccountId(account), Money.of(100, "EUR"), "after-erasure", null,
                Money.of(100, "EUR"), Instant.now()));
        // a marker for a second account with a contact: when its mail is here, the erased one was processed too
        String other = "a-n2-" + id;
        String otherEmail = "other-" + id + "@example.org";
        publish(TENANT_A, new AccountOpened(new AccountId(other), new UnitId("u-n2-" + id), new MeterId("m-n2-" + id),
                Currency.getInstance("EUR"), new TariffId("flat-10"), Instant.now(), Instant.now(),
                BigDecimal.ZERO, LocalDate.now(ZoneOffset.UTC)));
        await().atMost(WAIT).until(() -> putContact(TENANT_A, other, """
                {"email":"%s","channels":["EMAIL"]}""".formatted(otherEmail)).status() == 200);
        publish(TENANT_A, new AccountCredited(new AccountId(other), Money.of(100, "EUR"), "marker", null,
                Money.of(100, "EUR"), Instant.now()));
        await().atMost(WAIT).until(() -> mailbox.messagesTo(otherEmail).size() == 1);
        assertThat(mailbox.messagesTo(email)).isEmpty();
    }

    @Test
    void anEventOfAnotherTenantNeverReachesThisOccupant() throws Exception {
        // same account id, but the event's metadata says tenant B: tenant B has no contact for it
        publish(TENANT_B, new AccountCredited(new AccountId(account), Money.of(100, "EUR"), "foreign", null,
                Money.of(100, "EUR"), Instant.now()));
        publish(TENANT_A, new AccountCredited(new AccountId(account), Money.of(200, "EUR"), "own", null,
                Money.of(300, "EUR"), Instant.now()));
        await().atMost(WAIT).until(() -> mailbox.messagesTo(email).size() == 1);
        assertThat(mailbox.messagesTo(email).get(0).getSubject()).isEqualTo("Top-up received: 2.00 EUR");
    }

    private EventMessage<?> publish(String tenant, Object payload) {
        EventMessage<?> message = GenericEventMessage.asEventMessage(payload)
                .andMetaData(Map.of(MetadataKeys.TENANT, tenant));
        events.publish(message);
        return message;
    }

    private String statusOf(EventMessage<?> event, String channel) {
        return jdbc.sql("select status from notification_log where event_id = ? and channel = ?")
                .params(event.getIdentifier(), channel).query(String.class).optional().orElse(null);
    }

    private static String body(MimeMessage mail) throws Exception {
        return mail.getContent().toString().replace("\r\n", "\n").strip();
    }

    record Response(int status, JsonNode body) {
    }

    private Response putContact(String tenant, String accountId, String json) {
        return call(tenant, HttpMethod.PUT, accountId, json);
    }

    private Response call(String tenant, HttpMethod method, String accountId, String json) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).method(method)
                .uri("/api/accounts/{account}/contact", accountId)
                .headers(headers -> headers.setBearerAuth(TestTokens.adminOf(tenant, port)));
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Response(res.getStatusCode().value(),
                    bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes));
        });
    }
}
