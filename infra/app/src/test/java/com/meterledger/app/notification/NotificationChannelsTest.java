package com.meterledger.app.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.alert.NotifyStaffOfAlert;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * channels (issues 15 item 4, 17): a tenant's notification channels and SMS sender name as two settings sections, end
 * to end on the real application: changed through the API by an administrator (each an event with its actor, in the
 * audit trail), bad input refused naming the field with nothing stored, and used at once: the occupant's page offers
 * only the tenant's channels and refuses another, and staff alerts go to the tenant's own address.
 */
class NotificationChannelsTest extends IntegrationTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    CommandGateway commands;

    private final JdbcClient jdbc = OwnerJdbc.client();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void givenATenantThatOffersEmailOnlyWhenAnOccupantAsksForSmsThenItIsRefusedAndStaffAlertsGoToTheTenantsAddress()
            throws Exception {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String controlRoom = "control-room-" + tenant.slug() + "@example.org";
        Api.Response standard = admin.get("/api/tenant/settings/notification-channels");
        assertThat(standard.status()).isEqualTo(200);
        assertThat(standard.body().get("occupantChannels").toString()).contains("EMAIL", "SMS");
        assertThat(standard.body().get("staffAlertAddress").isNull()).isTrue();

        Api.Response none = admin.put("/api/tenant/settings/notification-channels",
                "{\"occupantChannels\":[],\"staffAlertAddress\":null}");
        assertThat(none.status()).as(none.body().toString()).isEqualTo(400);
        assertThat(none.text("field")).isEqualTo("occupantChannels");
        Api.Response malformed = admin.put("/api/tenant/settings/notification-channels",
                "{\"occupantChannels\":[\"EMAIL\"],\"staffAlertAddress\":\"control room\"}");
        assertThat(malformed.status()).as(malformed.body().toString()).isEqualTo(400);
        assertThat(malformed.text("field")).isEqualTo("staffAlertAddress");
        assertThat(rows("tenant_notification_channels", tenant.slug())).as("nothing stored").isZero();
        assertThat(new EventStore(jdbc).ofType(tenant.slug(), "NotificationChannelsChanged")).isEmpty();

        Api.Response changed = admin.put("/api/tenant/settings/notification-channels",
                "{\"occupantChannels\":[\"EMAIL\"],\"staffAlertAddress\":\"" + controlRoom + "\"}");

        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        JsonNode now = admin.get("/api/tenant/settings/notification-channels").body();
        assertThat(now.get("occupantChannels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(now.get("staffAlertAddress").asText()).isEqualTo(controlRoom);
        EventStore.StoredEvent event = new EventStore(jdbc).ofType(tenant.slug(), "NotificationChannelsChanged")
                .getFirst();
        assertThat(event.payload().get("staffAlertAddressSet").asBoolean()).isTrue();
        assertThat(event.payload().toString()).as("the address is in no event").doesNotContain(controlRoom);
        assertThat(event.metadata().get(MetadataKeys.ACTOR).asText()).startsWith("person:");
        assertThat(admin.put("/api/tenant/settings/notification-channels",
                "{\"occupantChannels\":[\"EMAIL\"],\"staffAlertAddress\":\"" + controlRoom + "\"}").status())
                .isEqualTo(200);
        assertThat(new EventStore(jdbc).ofType(tenant.slug(), "NotificationChannelsChanged"))
                .as("the same again records nothing").hasSize(1);

        // the occupant's page offers e-mail only, and a post asking for SMS is refused naming the box
        String id = UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(admin, id, "100", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        String token = await().atMost(Duration.ofSeconds(20)).until(
                () -> admin.post("/api/accounts/a-%s/payment-links".formatted(id), null),
                link -> link.status() == 201).text("token");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:%d/pay/a-%s?token=%s".formatted(port, id, token)))
                .header("Accept", BROWSER).header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"by-email\"").doesNotContain("id=\"by-sms\"", "id=\"alert-phone\"");
        HttpResponse<String> sms = chooseAlerts(id, token, "bySms=on&phone=%2B8613812345678", "application/json");
        assertThat(sms.statusCode()).as(sms.body()).isEqualTo(400);
        assertThat(sms.body()).contains("\"field\":\"bySms\"", "\"rule\":\"alert-channel-not-offered\"");
        assertThat(jdbc.sql("select count(*) from occupant_contact where tenant_id = ? and alert_channels is not null")
                .param(tenant.slug()).query(Long.class).single()).as("nothing kept").isZero();
        HttpResponse<String> email = chooseAlerts(id, token, "byEmail=on&email=occupant-" + id + "%40example.org",
                BROWSER);
        assertThat(email.statusCode()).as(email.body()).isEqualTo(303);

        // an alert for staff goes to the tenant's own address only, not to its administrator
        Object sent = commands.sendAndWait(new NotifyStaffOfAlert(new TenantId(tenant.slug()), "meter-not-read",
                        "meter", "m-" + id, "meter-not-read"),
                MetaData.with(MetadataKeys.TENANT, tenant.slug()).and(MetadataKeys.ACTOR, "alert-evaluator")
                        .and(MetadataKeys.ORIGIN, "system"));
        assertThat(sent).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !mailbox.messagesTo(controlRoom).isEmpty());
        assertThat(mailbox.messagesTo(controlRoom).getFirst().getSubject()).contains("m-" + id);
        assertThat(mailbox.messages().stream().filter(mail -> mail.to().contains(tenant.email()))
                .filter(mail -> mail.subject().contains("m-" + id)).toList()).isEmpty();

        // the change is in the audit trail with its actor
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/audit/events?type=NotificationChannelsChanged").body().toString())
                .contains("NotificationChannelsChanged", "person:"));
    }

    @Test
    void givenASenderNameNoProviderTakesWhenSavedThenTheFieldIsNamedAndNothingIsStoredAndASignatureIsKept() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        assertThat(admin.get("/api/tenant/settings/sms-sender").body().get("senderName").isNull())
                .as("the platform's sender until set").isTrue();

        for (String[] refused : new String[][]{{"Harb-Home", "sms-sender-characters"},
                {"10690000", "sms-sender-no-letter"}, {"HarbourHomes", "sms-sender-length"},
                {"【海港物业", "sms-sender-brackets"}, {"", "sms-sender-missing"}}) {
            Api.Response answer = admin.put("/api/tenant/settings/sms-sender",
                    "{\"senderName\":\"" + refused[0] + "\"}");
            assertThat(answer.status()).as(refused[0] + " " + answer.body()).isEqualTo(400);
            assertThat(answer.text("field")).isEqualTo("senderName");
            assertThat(answer.text("rule")).isEqualTo(refused[1]);
        }
        assertThat(rows("tenant_sms_sender", tenant.slug())).as("nothing stored").isZero();

        Api.Response saved = admin.put("/api/tenant/settings/sms-sender", "{\"senderName\":\"海港物业\"}");

        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
        JsonNode now = admin.get("/api/tenant/settings/sms-sender").body();
        assertThat(now.get("senderName").asText()).isEqualTo("【海港物业】");
        assertThat(now.get("signature").asBoolean()).isTrue();
        EventStore.StoredEvent event = new EventStore(jdbc).ofType(tenant.slug(), "SmsSenderNameChanged").getFirst();
        assertThat(event.payload().get("senderName").get("value").asText()).isEqualTo("【海港物业】");
        assertThat(event.metadata().get(MetadataKeys.ACTOR).asText()).startsWith("person:");
        assertThat(as(TENANT_NOT_DATA).put("/api/tenant/settings/sms-sender", "{\"senderName\":\"Intruder\"}").status())
                .as("a tenant configured by the platform keeps no such section").isEqualTo(404);
        assertThat(admin.get("/api/tenant/settings/sms-sender").body().get("senderName").asText())
                .isEqualTo("【海港物业】");
    }

    private HttpResponse<String> chooseAlerts(String id, String token, String fields, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:%d/pay/a-%s/alerts".formatted(port, id)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .header("Accept-Language", "en").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&" + fields)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long rows(String table, String tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant)
                .query(Long.class).single();
    }
}
