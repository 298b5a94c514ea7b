package com.meterledger.app.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.alert.NotifyStaffOfAlert;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.ChangeAlertSettings;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.query.alert.AlertEvaluator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts inbox end to end: conditions over time become alerts through the evaluator's passes (run here at the
 * moments the test chooses), a person acknowledges one with a note, and an alert resolves when its condition clears.
 */
class AlertsInboxTest extends IntegrationTest {
    @Autowired
    AlertEvaluator evaluator;
    @Autowired
    CommandGateway commands;
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    JdbcClient jdbc;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** Given a meter last read 30 hours ago in its own property (the standard threshold is 24 hours). */
    private String unreadMeter(Api landlord) {
        String id = "al-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, id, "10", now.minus(Duration.ofHours(30)), "100");
        settled("m-" + id);
        return id;
    }

    /** The meter's account and opening reading are in the read models the evaluator looks at. */
    private static void settled(String meter) {
        await().atMost(Duration.ofSeconds(20)).until(() -> OwnerJdbc.client().sql("""
                        select count(*) from meter_view m join alert_reading r
                            on r.tenant_id = m.tenant_id and r.meter_id = m.meter_id
                        where m.tenant_id = ? and m.meter_id = ? and m.account_id is not null""")
                .params(TENANT_A, meter).query(Long.class).single() > 0);
    }

    private static List<JsonNode> alertsOf(Api api, String query) {
        Api.Response page = api.get("/api/alerts?" + query);
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        return StreamSupport.stream(page.body().get("alerts").spliterator(), false).toList();
    }

    private static Optional<JsonNode> alertOn(Api api, String kind, String meter) {
        return alertsOf(api, "kind=" + kind + "&size=200").stream()
                .filter(alert -> alert.get("subjectId").asText().equals(meter)).findFirst();
    }

    @Test
    void aMeterNotReadForNHoursRaisesOneAlertWhichResolvesWhenAReadingArrivesAndARecurrenceOpensANewOne() {
        Api landlord = as(TENANT_A);
        String id = unreadMeter(landlord);

        evaluator.evaluate(new TenantId(TENANT_A), now);
        evaluator.evaluate(new TenantId(TENANT_A), now);

        List<JsonNode> open = alertsOf(landlord, "kind=METER_NOT_READ&property=p-" + id);
        assertThat(open).hasSize(1);
        JsonNode alert = open.getFirst();
        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
        assertThat(alert.get("subjectType").asText()).isEqualTo("meter");
        assertThat(alert.get("subjectId").asText()).isEqualTo("m-" + id);
        assertThat(alert.get("rule").asText()).isEqualTo("meter-not-read");
        assertThat(alert.get("figures").get("hoursWithoutReading").asText()).isEqualTo("30");
        assertThat(alert.get("figures").get("thresholdHours").asText()).isEqualTo("24");

        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"101"}""".formatted(now)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> alertsOf(landlord, "kind=METER_NOT_READ&property=p-" + id)
                .getFirst().get("state").asText().equals("RESOLVED"));
        evaluator.evaluate(new TenantId(TENANT_A), now);
        assertThat(alertsOf(landlord, "state=OPEN&kind=METER_NOT_READ&property=p-" + id)).isEmpty();

        // the condition comes back a day later: a new alert, the resolved one stays as it was
        evaluator.evaluate(new TenantId(TENANT_A), now.plus(Duration.ofHours(25)));
        List<JsonNode> again = alertsOf(landlord, "kind=METER_NOT_READ&property=p-" + id);
        assertThat(again).hasSize(2);
        assertThat(again.getFirst().get("state").asText()).isEqualTo("OPEN");
        assertThat(again.getFirst().get("alertId").asText()).isNotEqualTo(alert.get("alertId").asText());
        assertThat(again.get(1).get("state").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void acknowledgingRecordsTheActorAndTheNoteAndOnlyOnce() {
        Api landlord = as(TENANT_A);
        String id = unreadMeter(landlord);
        evaluator.evaluate(new TenantId(TENANT_A), now);
        String alertId = alertOn(landlord, "METER_NOT_READ", "m-" + id).orElseThrow().get("alertId").asText();

        Api.Response acknowledged = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId), """
                {"note":"Caretaker checks the meter box tomorrow"}""");

        assertThat(acknowledged.status()).as(acknowledged.body().toString()).isEqualTo(200);
        assertThat(acknowledged.text("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.text("acknowledgedBy")).isEqualTo("tenant-a-admin");
        assertThat(acknowledged.text("note")).isEqualTo("Caretaker checks the meter box tomorrow");
        assertThat(acknowledged.text("acknowledgedAt")).isNotNull();
        Api.Response twice = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId), """
                {"note":"again"}""");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.text("rule")).isEqualTo("alert-already-acknowledged");
        assertThat(alertOn(landlord, "METER_NOT_READ", "m-" + id).orElseThrow().get("note").asText())
                .isEqualTo("Caretaker checks the meter box tomorrow");
    }

    @Test
    void badAcknowledgementsAreProblemsNamingTheFieldOrRuleAndStoreNothing() {
        Api landlord = as(TENANT_A);
        String id = unreadMeter(landlord);
        evaluator.evaluate(new TenantId(TENANT_A), now);
        String alertId = alertOn(landlord, "METER_NOT_READ", "m-" + id).orElseThrow().get("alertId").asText();

        Api.Response unknown = landlord.post("/api/alerts/no-such-alert/acknowledgement", "{\"note\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        Api.Response foreign = as(TENANT_B).post("/api/alerts/%s/acknowledgement".formatted(alertId),
                "{\"note\":\"not mine\"}");
        assertThat(foreign.status()).isEqualTo(404);
        // the answer names only the id the caller sent: nothing of the alert behind it
        assertThat(foreign.body().toString()).doesNotContain("p-" + id).doesNotContain("OPEN")
                .doesNotContain("figures");
        Api.Response control = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId),
                "{\"note\":\"a\\u0000b\\u001b[31m\"}");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.text("field")).isEqualTo("note");
        assertThat(control.text("rule")).isEqualTo("text-control-character");
        Api.Response blank = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId), "{\"note\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text("rule")).isEqualTo("alert-note-required");
        Api.Response tooLong = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId),
                "{\"note\":\"%s\"}".formatted("x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);

        JsonNode after = alertOn(landlord, "METER_NOT_READ", "m-" + id).orElseThrow();
        assertThat(after.get("state").asText()).isEqualTo("OPEN");
        assertThat(after.get("note").isNull()).isTrue();
        assertThat(as(TENANT_B).get("/api/alerts?size=200").body().toString()).doesNotContain("m-" + id);

        for (String nonsense : List.of("state=SHOUTING", "kind=ALIENS", "size=0", "size=100000", "page=-1")) {
            Api.Response refused = landlord.get("/api/alerts?" + nonsense);
            assertThat(refused.status()).as(nonsense).isEqualTo(400);
            assertThat(refused.text("field")).as(nonsense).isEqualTo(nonsense.substring(0, nonsense.indexOf('=')));
        }
    }

    @Test
    void aPropertyManagerSeesAndAcknowledgesOnlyTheAlertsOfTheirProperties() {
        Api landlord = as(TENANT_A);
        Api manager = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-a-manager",
                "test-secret"));
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"managed-a","name":"Managed A"}""").status()).isIn(201, 422);
        String inScope = "al-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties/managed-a/units", """
                {"unitId":"u-%s","name":"Flat 9"}""".formatted(inScope)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(inScope, inScope, inScope)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"10",
                 "openingReadAt":"%s","openingRegister":"5"}""".formatted(inScope, inScope, inScope,
                now.minus(Duration.ofHours(40)))).status()).isEqualTo(201);
        String outOfScope = unreadMeter(landlord);
        settled("m-" + inScope);

        evaluator.evaluate(new TenantId(TENANT_A), now);

        List<JsonNode> seen = alertsOf(manager, "size=200");
        assertThat(seen).extracting(alert -> alert.get("propertyId").asText()).containsOnly("managed-a");
        assertThat(seen).extracting(alert -> alert.get("subjectId").asText()).contains("m-" + inScope)
                .doesNotContain("m-" + outOfScope);
        String foreignToManager = alertOn(landlord, "METER_NOT_READ", "m-" + outOfScope).orElseThrow()
                .get("alertId").asText();
        assertThat(manager.post("/api/alerts/%s/acknowledgement".formatted(foreignToManager),
                "{\"note\":\"not my building\"}").status()).isEqualTo(404);
        String own = alertOn(manager, "METER_NOT_READ", "m-" + inScope).orElseThrow().get("alertId").asText();
        Api.Response acknowledged = manager.post("/api/alerts/%s/acknowledgement".formatted(own),
                "{\"note\":\"on my round\"}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.text("acknowledgedBy")).isEqualTo("tenant-a-manager");
        assertThat(alertOn(landlord, "METER_NOT_READ", "m-" + outOfScope).orElseThrow().get("state").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void readingsRejectedKTimesInTheWindowRaiseAnAlertNamingTheCount() {
        Api landlord = as(TENANT_A);
        String id = "al-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, id, "10", now.minus(Duration.ofHours(2)), "100");
        for (int i = 0; i < 3; i++) {
            Api.Response backwards = landlord.post("/api/meters/m-%s/readings".formatted(id), """
                    {"readAt":"%s","registerValue":"%d"}""".formatted(now.minus(Duration.ofMinutes(30 - i)), 50 + i));
            assertThat(backwards.status()).isEqualTo(422);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            evaluator.evaluate(new TenantId(TENANT_A), Instant.now());
            JsonNode alert = alertOn(landlord, "READINGS_REJECTED", "m-" + id).orElseThrow();
            assertThat(alert.get("figures").get("rejected").asText()).isEqualTo("3");
            assertThat(alert.get("figures").get("aReason").asText()).isEqualTo("REGISTER_WENT_BACKWARDS");
        });
    }

    @Test
    void anAccountAtZeroForNHoursRaisesTheSelfDisconnectionAlert() {
        Api landlord = as(TENANT_A);
        String id = "al-" + UUID.randomUUID().toString().substring(0, 8);
        // opened with no money: the balance is zero from the start
        Premises.moveIn(landlord, id, "10", now.minus(Duration.ofMinutes(5)), "100");
        await().atMost(Duration.ofSeconds(20)).until(() -> landlord.get("/api/properties/p-%s/dashboard"
                .formatted(id)).status() == 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            evaluator.evaluate(new TenantId(TENANT_A), now);
            assertThat(OwnerJdbc.client().sql("select count(*) from alert_watch where tenant_id = ? and subject_id = ?")
                    .params(TENANT_A, "a-" + id).query(Long.class).single()).isEqualTo(1);
        });
        assertThat(alertOn(landlord, "ACCOUNT_AT_ZERO", "a-" + id)).isEmpty();

        evaluator.evaluate(new TenantId(TENANT_A), now.plus(Duration.ofHours(24)));

        JsonNode alert = alertOn(landlord, "ACCOUNT_AT_ZERO", "a-" + id).orElseThrow();
        assertThat(alert.get("subjectType").asText()).isEqualTo("account");
        assertThat(alert.get("propertyId").asText()).isEqualTo("p-" + id);
    }

    @Test
    void alertThresholdsAreATenantSettingChangedByAnEventWithItsActorAndAbsurdOnesAreRefused() {
        String slug = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en").slug();
        AlertSettings tighter = new AlertSettings(6, 2, 12, 4, 20_000, 40, 5, false);
        commands.sendAndWait(new ChangeAlertSettings(new TenantId(slug), tighter),
                MetaData.with(MetadataKeys.TENANT, slug).and(MetadataKeys.ACTOR, "person:test-admin")
                        .and(MetadataKeys.ORIGIN, "rest"));
        EventStore.StoredEvent change = new EventStore(jdbc).ofType(slug, "AlertSettingsChanged").getFirst();
        assertThat(change.metadata().get(MetadataKeys.ACTOR).asText()).isEqualTo("person:test-admin");
        assertThat(OwnerJdbc.client().sql("select meter_not_read_hours from tenant_alert_settings where tenant_id = ?").param(slug)
                .query(Integer.class).single()).isEqualTo(6);

        Api landlord = as(TENANT_A);
        Api.Response absurd = landlord.put("/api/tenant/settings/alerts", """
                {"meterNotReadHours":100000,"rejectedReadings":3,"rejectedWindowHours":24,"zeroBalanceHours":24,
                 "arrearsAboveMinor":50000,"consumptionDropPercent":30,"lineLossPercent":10,"notifyStaff":false}""");
        assertThat(absurd.status()).as(absurd.body().toString()).isEqualTo(400);
        assertThat(absurd.text("field")).isEqualTo("meterNotReadHours");
        Api.Response negative = landlord.put("/api/tenant/settings/alerts", """
                {"meterNotReadHours":24,"rejectedReadings":3,"rejectedWindowHours":24,"zeroBalanceHours":24,
                 "arrearsAboveMinor":-1,"consumptionDropPercent":30,"lineLossPercent":10,"notifyStaff":false}""");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text("field")).isEqualTo("arrearsAboveMinor");
        assertThat(landlord.get("/api/tenant/settings/alerts").body().get("meterNotReadHours").asInt()).isEqualTo(24);
        assertThat(OwnerJdbc.client().sql("select count(*) from tenant_alert_settings where tenant_id = ?").param(TENANT_A)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anOpenedAlertIsMailedToTheTenantsAdministratorsInTheTenantsLanguage() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");

        Object sent = commands.sendAndWait(new NotifyStaffOfAlert(new TenantId(tenant.slug()), "meter-not-read",
                        "meter", "m-7", "meter-not-read"),
                MetaData.with(MetadataKeys.TENANT, tenant.slug()).and(MetadataKeys.ACTOR, "alert-evaluator")
                        .and(MetadataKeys.ORIGIN, "system"));

        assertThat(sent).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailbox.messages().stream()
                .filter(mail -> mail.to().contains(tenant.email()))
                .filter(mail -> mail.subject().contains("表计未抄读")).toList())
                .singleElement().satisfies(mail -> assertThat(mail.body()).contains("m-7", "meter-not-read")));
    }

    /** A meter of the utility with an account opened at {@code openedAt}, with its readings posted in order. */
    private String meterWithReadings(Api landlord, String utility, Instant openedAt, String opening,
                                     List<Map.Entry<Instant, String>> readings) {
        String id = "an-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Anomaly Court %s"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                {"unitId":"u-%s","name":"Flat 1"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s","unitId":"u-%s","utility":"%s","serialNumber":"SN-%s"}"""
                .formatted(id, id, utility, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"1",
                 "openingReadAt":"%s","openingRegister":"%s"}""".formatted(id, id, id, openedAt, opening)).status())
                .isEqualTo(201);
        for (Map.Entry<Instant, String> reading : readings) {
            Api.Response recorded = landlord.post("/api/meters/m-%s/readings".formatted(id), """
                    {"readAt":"%s","registerValue":"%s"}""".formatted(reading.getKey(), reading.getValue()));
            assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> OwnerJdbc.client()
                .sql("select count(*) from alert_reading where tenant_id = ? and meter_id = ?")
                .params(TENANT_A, "m-" + id).query(Long.class).single() == readings.size() + 1);
        settled("m-" + id);
        return id;
    }

    @Test
    void givenWaterRunningInEveryHourOfLastNightWhenAPassRunsThenANightFlowAlertNamesTheRuleAndItsFigures() {
        Api landlord = as(TENANT_A);
        // the last night window (01:00-05:00 in the tenant's zone, UTC for tenant-a) that has ended
        Instant night = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(1));
        if (night.plus(Duration.ofHours(4)).isAfter(now)) {
            night = night.minus(Duration.ofDays(1));
        }
        String id = meterWithReadings(landlord, "WATER", night.minus(Duration.ofHours(1)), "10", List.of(
                Map.entry(night, "10.01"), Map.entry(night.plus(Duration.ofHours(1)), "10.03"),
                Map.entry(night.plus(Duration.ofHours(2)), "10.04"), Map.entry(night.plus(Duration.ofHours(3)), "10.06"),
                Map.entry(night.plus(Duration.ofHours(4)), "10.07")));

        evaluator.evaluate(new TenantId(TENANT_A), now);

        JsonNode leak = alertOn(landlord, "NIGHT_FLOW", "m-" + id).orElseThrow();
        assertThat(leak.get("rule").asText()).isEqualTo("night-flow-never-stops");
        assertThat(leak.get("propertyId").asText()).isEqualTo("p-" + id);
        assertThat(leak.get("figures").get("nightUse").asText()).isEqualTo("0.060");
        assertThat(leak.get("figures").get("smallestHourlyUse").asText()).isEqualTo("0.010");
    }

    @Test
    void givenALastWeekFarBelowTheMonthBeforeWhenAPassRunsThenAConsumptionDropAlertShowsBothMeans() {
        Api landlord = as(TENANT_A);
        String id = meterWithReadings(landlord, "ELECTRICITY", now.minus(Duration.ofDays(36)), "1000", List.of(
                Map.entry(now.minus(Duration.ofDays(35)).minus(Duration.ofHours(1)), "1000"),
                Map.entry(now.minus(Duration.ofDays(7)).minus(Duration.ofHours(1)), "1280"),
                Map.entry(now.minus(Duration.ofHours(1)), "1282.5")));

        evaluator.evaluate(new TenantId(TENANT_A), now);

        JsonNode drop = alertOn(landlord, "CONSUMPTION_DROP", "m-" + id).orElseThrow();
        assertThat(drop.get("rule").asText()).isEqualTo("consumption-dropped-against-own-history");
        assertThat(drop.get("figures").get("baselineDailyMean").asText()).isEqualTo("10.000");
        assertThat(drop.get("figures").get("recentDailyMean").asText()).isEqualTo("0.357");
        assertThat(drop.get("figures").get("thresholdPercent").asText()).isEqualTo("30");
    }
}
