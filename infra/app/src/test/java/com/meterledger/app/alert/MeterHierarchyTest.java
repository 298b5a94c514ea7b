package com.meterledger.app.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.registry.SetMeterHierarchy;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.query.alert.AlertEvaluator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Master and sub-meters per property, and the line-loss alert they make possible: readings posted through the API on
 * a master and two sub-meters over yesterday (UTC, tenant-a's zone), one evaluator pass, and the alert's figures.
 */
class MeterHierarchyTest extends IntegrationTest {
    @Autowired
    AlertEvaluator evaluator;
    @Autowired
    JdbcClient jdbc;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Yesterday in UTC: the last whole day the line-loss rule looks at. */
    private final Instant dayStart = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    private final Instant dayEnd = dayStart.plus(Duration.ofDays(1));

    /** A property {@code p-id} with one meter per entry: meter suffix to utility; no accounts. */
    private static String property(Api landlord, Map<String, String> meters) {
        String id = "mh-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Riser Court %s"}""".formatted(id, id)).status()).isEqualTo(201);
        meters.forEach((suffix, utility) -> {
            assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                    {"unitId":"u-%s-%s","name":"Flat %s"}""".formatted(id, suffix, suffix)).status()).isEqualTo(201);
            assertThat(landlord.post("/api/meters", """
                    {"meterId":"m-%s-%s","unitId":"u-%s-%s","utility":"%s","serialNumber":"SN-%s-%s"}"""
                    .formatted(id, suffix, id, suffix, utility, id, suffix)).status()).isEqualTo(201);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> OwnerJdbc.client().sql("""
                        select count(*) from meter_view where tenant_id = ? and property_id = ?""")
                .params(TENANT_A, "p-" + id).query(Long.class).single() == meters.size());
        return id;
    }

    /** An account on the meter opened before the day with {@code opening}, and a reading near the day's end. */
    private void used(Api landlord, String meter, String opening, String closing) {
        String unit = "u-" + meter.substring(2);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"1",
                 "openingReadAt":"%s","openingRegister":"%s"}""".formatted(meter.substring(2), unit, meter,
                dayStart.minus(Duration.ofHours(1)), opening)).status()).isEqualTo(201);
        Api.Response recorded = landlord.post("/api/meters/%s/readings".formatted(meter), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(dayEnd.minus(Duration.ofMinutes(10)), closing));
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> OwnerJdbc.client()
                .sql("select count(*) from alert_reading where tenant_id = ? and meter_id = ?")
                .params(TENANT_A, meter).query(Long.class).single() == 2);
    }

    private static Api.Response put(Api api, String property, String body) {
        return api.put("/api/properties/p-%s/meter-hierarchy".formatted(property), body);
    }

    private static List<JsonNode> lineLossAlerts(Api api, String property) {
        Api.Response page = api.get("/api/alerts?kind=LINE_LOSS&property=p-" + property + "&size=200");
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        return StreamSupport.stream(page.body().get("alerts").spliterator(), false).toList();
    }

    @Test
    void givenAMasterUsing100AndTwoSubMetersUsing85WhenAPassRunsThenOneLineLossAlertShowsTheRuleAndItsFigures() {
        Api landlord = as(TENANT_A);
        String id = property(landlord, Map.of("main", "ELECTRICITY", "s1", "ELECTRICITY", "s2", "ELECTRICITY"));
        Api.Response set = put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1","m-%1$s-s2"]}""".formatted(id));
        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        used(landlord, "m-" + id + "-main", "1000", "1100");
        used(landlord, "m-" + id + "-s1", "10", "50");
        used(landlord, "m-" + id + "-s2", "20", "65");

        evaluator.evaluate(new TenantId(TENANT_A), now);
        evaluator.evaluate(new TenantId(TENANT_A), now);

        List<JsonNode> alerts = lineLossAlerts(landlord, id);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.getFirst();
        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
        assertThat(alert.get("subjectType").asText()).isEqualTo("meter");
        assertThat(alert.get("subjectId").asText()).isEqualTo("m-" + id + "-main");
        assertThat(alert.get("rule").asText()).isEqualTo("line-loss-above-tolerance");
        JsonNode figures = alert.get("figures");
        assertThat(figures.get("masterUse").asText()).isEqualTo("100.000");
        assertThat(figures.get("subMetersUse").asText()).isEqualTo("85.000");
        assertThat(figures.get("subMeters").asText()).isEqualTo("2");
        assertThat(figures.get("loss").asText()).isEqualTo("15.000");
        assertThat(figures.get("lossPercent").asText()).isEqualTo("15.0");
        assertThat(figures.get("tolerancePercent").asText()).isEqualTo("10");
        assertThat(figures.get("periodFrom").asText()).isEqualTo(dayStart.toString());

        // the sub-meters are set anew without s2: the master's loss is now larger still, the one alert stays open
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1"]}""".formatted(id)).status()).isEqualTo(200);
        evaluator.evaluate(new TenantId(TENANT_A), now);
        assertThat(lineLossAlerts(landlord, id)).hasSize(1);
        // removed: the condition no longer exists, the alert resolves
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":[]}""".formatted(id)).status()).isEqualTo(200);
        evaluator.evaluate(new TenantId(TENANT_A), now);
        assertThat(lineLossAlerts(landlord, id)).singleElement()
                .satisfies(resolved -> assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED"));
    }

    @Test
    void givenSubMetersAccountingFor95PercentOfTheMasterWhenAPassRunsThenNoLineLossAlertOpens() {
        Api landlord = as(TENANT_A);
        String id = property(landlord, Map.of("main", "WATER", "s1", "WATER", "s2", "WATER"));
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1","m-%1$s-s2"]}""".formatted(id)).status())
                .isEqualTo(200);
        used(landlord, "m-" + id + "-main", "500", "540");
        used(landlord, "m-" + id + "-s1", "3", "23");
        used(landlord, "m-" + id + "-s2", "7", "25");

        evaluator.evaluate(new TenantId(TENANT_A), now);

        assertThat(lineLossAlerts(landlord, id)).isEmpty();
    }

    @Test
    void aHierarchyIsSetAsAnEventWithItsActorAndReadBackPerProperty() {
        Api landlord = as(TENANT_A);
        String id = property(landlord, Map.of("main", "ELECTRICITY", "s1", "ELECTRICITY"));
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1"]}""".formatted(id)).status()).isEqualTo(200);
        // the same again stores nothing
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1"]}""".formatted(id)).status()).isEqualTo(200);

        Api.Response read = landlord.get("/api/properties/p-%s/meter-hierarchy".formatted(id));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().toString()).isEqualTo("""
                [{"propertyId":"p-%1$s","masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1"]}]"""
                .formatted(id));
        List<EventStore.StoredEvent> set = new EventStore(jdbc).ofType(SetMeterHierarchy.bookOf(
                new TenantId(TENANT_A)), "MeterHierarchySet").stream()
                .filter(event -> event.payload().toString().contains("m-" + id + "-main")).toList();
        assertThat(set).hasSize(1);
        assertThat(set.getFirst().metadata().get(MetadataKeys.ACTOR).asText()).contains("tenant-a-admin");
        assertThat(as(TENANT_B).get("/api/properties/p-%s/meter-hierarchy".formatted(id)).status()).isEqualTo(404);
    }

    @Test
    void badHierarchiesAreProblemsNamingTheFieldAndRuleAndStoreNothing() {
        Api landlord = as(TENANT_A);
        String id = property(landlord, Map.of("main", "ELECTRICITY", "s1", "ELECTRICITY", "s2", "ELECTRICITY",
                "other", "ELECTRICITY", "w", "WATER"));
        String elsewhere = property(landlord, Map.of("x", "ELECTRICITY"));
        String foreign = "mh-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.unitWithMeter(as(TENANT_B), foreign);
        assertThat(put(landlord, id, """
                {"masterMeterId":"m-%1$s-main","subMeterIds":["m-%1$s-s1"]}""".formatted(id)).status()).isEqualTo(200);
        long eventsBefore = OwnerJdbc.client().sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                .param(SetMeterHierarchy.bookOf(new TenantId(TENANT_A))).query(Long.class).single();
        String m = "m-" + id + "-";

        record Refusal(String body, int status, String field, String rule) {
        }
        for (Refusal refusal : List.of(
                new Refusal("{\"masterMeterId\":\"no-such-meter\",\"subMeterIds\":[\"%ss2\"]}".formatted(m),
                        422, "masterMeterId", "meter-unknown"),
                new Refusal("{\"masterMeterId\":\"%sother\",\"subMeterIds\":[\"m-%s\"]}".formatted(m, foreign),
                        422, "subMeterIds[0]", "meter-unknown"),
                new Refusal("{\"masterMeterId\":\"%1$sother\",\"subMeterIds\":[\"%1$sother\"]}".formatted(m),
                        422, "subMeterIds[0]", "meter-own-sub-meter"),
                new Refusal("{\"masterMeterId\":\"%1$sother\",\"subMeterIds\":[\"%1$ss2\",\"%1$ss2\"]}".formatted(m),
                        422, "subMeterIds[1]", "sub-meter-listed-twice"),
                new Refusal("{\"masterMeterId\":\"%1$sother\",\"subMeterIds\":[\"%1$ss2\",\"%1$ss1\"]}".formatted(m),
                        422, "subMeterIds[1]", "sub-meter-under-two-masters"),
                new Refusal("{\"masterMeterId\":\"%1$ss1\",\"subMeterIds\":[\"%1$smain\"]}".formatted(m),
                        422, "subMeterIds[0]", "meter-hierarchy-circle"),
                new Refusal("{\"masterMeterId\":\"%1$sother\",\"subMeterIds\":[\"%1$sw\"]}".formatted(m),
                        422, "subMeterIds[0]", "meter-hierarchy-mixed-utilities"),
                new Refusal("{\"masterMeterId\":\"%sother\",\"subMeterIds\":[\"m-%s-x\"]}".formatted(m, elsewhere),
                        422, "subMeterIds[0]", "meter-of-another-property"),
                new Refusal("{\"masterMeterId\":\"%sot\\u0000her\",\"subMeterIds\":[]}".formatted(m),
                        400, "masterMeterId", "text-control-character"),
                new Refusal("{\"masterMeterId\":\"%sother\",\"subMeterIds\":[\"a b/c\"]}".formatted(m),
                        400, "subMeterIds[0]", "meter-id-malformed"),
                new Refusal("{\"masterMeterId\":\"%sother\"}".formatted(m),
                        400, "subMeterIds", "sub-meters-required"))) {
            Api.Response refused = put(landlord, id, refusal.body());
            assertThat(refused.status()).as(refusal.body() + " -> " + refused.body()).isEqualTo(refusal.status());
            assertThat(refused.text("field")).as(refusal.body()).isEqualTo(refusal.field());
            assertThat(refused.text("rule")).as(refusal.body()).isEqualTo(refusal.rule());
        }
        assertThat(landlord.put("/api/properties/no-such-property/meter-hierarchy", """
                {"masterMeterId":"%smain","subMeterIds":[]}""".formatted(m)).status()).isEqualTo(404);
        // another tenant's property is answered as unknown
        assertThat(as(TENANT_B).put("/api/properties/p-%s/meter-hierarchy".formatted(id), """
                {"masterMeterId":"%smain","subMeterIds":[]}""".formatted(m)).status()).isEqualTo(404);

        assertThat(landlord.get("/api/properties/p-%s/meter-hierarchy".formatted(id)).body().toString())
                .isEqualTo("""
                        [{"propertyId":"p-%1$s","masterMeterId":"%2$smain","subMeterIds":["%2$ss1"]}]"""
                        .formatted(id, m));
        assertThat(OwnerJdbc.client().sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                .param(SetMeterHierarchy.bookOf(new TenantId(TENANT_A))).query(Long.class).single())
                .isEqualTo(eventsBefore);
    }

    @Test
    void givenTheStaffPageWhenAnAdministratorSetsSubMetersThenTheyAreListedAndABadOneShowsItsRuleAndStoresNothing() {
        Api landlord = as(TENANT_A);
        String id = property(landlord, Map.of("main", "ELECTRICITY", "s1", "ELECTRICITY", "s2", "ELECTRICITY"));
        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        String m = "m-" + id + "-";

        UiSession.Page saved = admin.post("/ui/settings/meter-hierarchy?propertyId=p-%s&masterMeterId=%smain&subMeterIds=%ss1,%ss2"
                .formatted(id, m, m, m));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("meter-hierarchy-saved").contains(m + "s1, " + m + "s2");
        UiSession.Page refused = admin.post("/ui/settings/meter-hierarchy?propertyId=p-%s&masterMeterId=%ss1&subMeterIds=%ss1"
                .formatted(id, m, m));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("meter-hierarchy-error").contains("subMeterIds[0]");
        assertThat(landlord.get("/api/properties/p-%s/meter-hierarchy".formatted(id)).body().toString()).isEqualTo("""
                [{"propertyId":"p-%1$s","masterMeterId":"%2$smain","subMeterIds":["%2$ss1","%2$ss2"]}]"""
                .formatted(id, m));
        UiSession manager = UiSession.signIn(port, TestPeople.MANAGER_A, TestPeople.PASSWORD);
        assertThat(manager.get("/ui/settings/meter-hierarchy").status()).isEqualTo(403);
    }
}
