package com.meterledger.app.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accounts priced by tenant tariffs on real PostgreSQL, through the REST edge with real tokens.
 *
 * <p>Versions may only take effect in the future and readings may run at most five minutes ahead of our clock, so
 * the tests publish a version a moment ahead ({@code t0}) and date the opening and the readings from there on.
 */
class TariffIntegrationTest extends IntegrationTest {
    private static final String THREE_TIERS = """
            {"kind":"TIERED","period":"MONTH","tiers":[{"upTo":"50","price":"10"},{"upTo":"150","price":"20.5"},
             {"price":"30.25"}]}""";
    private static final String THREE_TIERS_DEARER = """
            {"kind":"TIERED","period":"MONTH","tiers":[{"upTo":"50","price":"12"},{"upTo":"150","price":"25"},
             {"price":"40"}]}""";

    @Autowired
    JdbcClient jdbc;

    private EventStore events;
    private Api landlord;
    private String id;
    private Instant t0;

    @BeforeEach
    void setUp() {
        events = new EventStore(jdbc);
        landlord = as(TENANT_A);
        id = UUID.randomUUID().toString().substring(0, 8);
        t0 = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Tariff Court","address":"3 Tier Street"}""".formatted(id)).status())
                .isEqualTo(201);
        assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                {"unitId":"u-%s","name":"Flat 1"}""".formatted(id, id)).status()).isEqualTo(201);
    }

    /**
     * Worked example (three tiers per month: up to 50 kWh at 10, up to 150 at 20.5, above at 30.25 cents/kWh):
     * <pre>
     *   reading 1: 0 -> 40         40 in tier 1                                  40 x 10 =  400        -> 400
     *   reading 2: 40 -> 210.5  170.5, crossing both bounds:
     *              tier 1  40 ->  50   10 x 10    =  100
     *              tier 2  50 -> 150  100 x 20.5  = 2050
     *              tier 3 150 -> 210.5 60.5 x 30.25 = 1830.125   exact 3980.125 -> 3980, carry 0.125
     *   version 2 (12 / 25 / 40) takes effect at t1 = t0 + 90 s
     *   reading 3 at t1:   210.5 -> 220.5, wholly before t1: v1 tier 3  10 x 30.25 = 302.5 + 0.125 -> 302, carry 0.625
     *   reading 4 after t1: 220.5 -> 230.5, wholly after t1: v2 tier 3  10 x 40 = 400 + 0.625 -> 400, carry 0.625
     *   balance 10,000 - 400 - 3980 - 302 - 400 = 4918
     * </pre>
     */
    @Test
    void aThreeTierTariffChargesExactlyAndANewVersionPricesOnlyLaterConsumption() {
        String tariff = "res-" + id;
        createTariff(tariff, "ELECTRICITY");
        assertThat(publish(tariff, t0, THREE_TIERS).status()).isEqualTo(201);
        String account = openAccount("1", tariff, t0);
        assertThat(topUp(account, 10_000).status()).isEqualTo(201);

        assertThat(read("1", t0.plusSeconds(30), "40").status()).isEqualTo(201);
        assertThat(read("1", t0.plusSeconds(60), "210.5").status()).isEqualTo(201);

        Instant t1 = t0.plusSeconds(90);
        Api.Response v2 = publish(tariff, t1, THREE_TIERS_DEARER);
        assertThat(v2.status()).isEqualTo(201);
        assertThat(v2.number("versionNumber")).isEqualTo(2);
        assertThat(read("1", t1, "220.5").status()).isEqualTo(201);
        assertThat(read("1", t1.plusSeconds(30), "230.5").status()).isEqualTo(201);

        List<JsonNode> charges = events.ofType(account, "ConsumptionCharged").stream()
                .map(EventStore.StoredEvent::payload).toList();
        assertThat(charges).hasSize(4);
        assertThat(lines(charges.get(0))).containsExactly("v1 tier-1 40 x 10 = 400");
        assertThat(lines(charges.get(1))).containsExactly(
                "v1 tier-1 10 x 10 = 100", "v1 tier-2 100 x 20.5 = 2050", "v1 tier-3 60.5 x 30.25 = 1830.125");
        assertThat(charges.get(1).get("exactAmount").decimalValue()).isEqualByComparingTo("3980.125");
        assertThat(charges.get(1).get("amount").get("minorUnits").asLong()).isEqualTo(3980);
        assertThat(charges.get(1).get("remainderCarried").decimalValue()).isEqualByComparingTo("0.125");
        assertThat(charges.get(1).get("tierCount").get("counted").decimalValue()).isEqualByComparingTo("210.5");
        assertThat(lines(charges.get(2))).containsExactly("v1 tier-3 10 x 30.25 = 302.5");
        assertThat(charges.get(2).get("amount").get("minorUnits").asLong()).isEqualTo(302);
        assertThat(lines(charges.get(3))).containsExactly("v2 tier-3 10 x 40 = 400");
        assertThat(charges.get(3).get("amount").get("minorUnits").asLong()).isEqualTo(400);
        assertThat(charges.get(3).get("remainderCarried").decimalValue()).isEqualByComparingTo("0.625");
        assertThat(charges.get(3).get("balanceAfter").get("minorUnits").asLong()).isEqualTo(4_918);
        awaitBalance(account, 4_918);
        // the statement explains each charge with the tariff's lines
        JsonNode statementLines = landlord.get("/api/accounts/%s/statement".formatted(account)).body().get("lines");
        List<JsonNode> chargeLines = new ArrayList<>();
        statementLines.forEach(line -> {
            if (line.get("kind").asText().equals("CHARGE")) {
                chargeLines.add(line);
            }
        });
        assertThat(chargeLines).hasSize(4);
        assertThat(lines(chargeLines.get(1).get("breakdown"))).containsExactly(
                "v1 tier-1 10 x 10 = 100", "v1 tier-2 100 x 20.5 = 2050", "v1 tier-3 60.5 x 30.25 = 1830.125");

        Api.Response read = landlord.get("/api/tariffs/" + tariff);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("versions")).hasSize(2);
        assertThat(read.body().get("versions").get(0).get("until").asText()).isEqualTo(t1.toString());
        assertThat(read.body().get("versions").get(1).get("schedule").get("kind").asText()).isEqualTo("TIERED");

        // Dry run of a flat 25 cents/kWh with 10 cents a day: the 230.5 kWh of the window cost 5762.5 instead of
        // the 5082.625 charged (400 + 3980.125 + 302.5 + 400); no standing-charge day was charged (the day began
        // before the first version), so the daily rate adds nothing.
        String proposal = """
                {"version":{"effectiveFrom":"%s","schedule":{"kind":"FLAT","price":"25"},"standingChargePerDay":"10"}}"""
                .formatted(t1.plus(Duration.ofDays(30)));
        int before = events.of(tariff).size();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            Api.Response dryRun = landlord.post("/api/tariffs/%s/dry-runs".formatted(tariff), proposal);
            assertThat(dryRun.status()).isEqualTo(200);
            JsonNode effect = dryRun.body().get("accounts").get(0);
            assertThat(dryRun.body().get("accounts")).hasSize(1);
            assertThat(effect.get("accountId").asText()).isEqualTo(account);
            assertThat(effect.get("outcome").asText()).isEqualTo("PRICED");
            assertThat(effect.get("readings").asInt()).isEqualTo(4);
            assertThat(effect.get("quantity").decimalValue()).isEqualByComparingTo("230.5");
            assertThat(effect.get("currentMinor").decimalValue()).isEqualByComparingTo("5082.625");
            assertThat(effect.get("proposedMinor").decimalValue()).isEqualByComparingTo("5762.5");
            assertThat(effect.get("differenceMinor").decimalValue()).isEqualByComparingTo("679.875");
        });
        assertThat(events.of(tariff)).hasSize(before);

        // Batch assignment: a flat tariff for the same utility is assigned, an unknown account is reported as such,
        // and a water tariff is refused for an electricity account; each account gets its own outcome.
        String flat = "flat-" + id;
        createTariff(flat, "ELECTRICITY");
        assertThat(publish(flat, Instant.now().plusSeconds(2), """
                {"kind":"FLAT","price":"5"}""").status()).isEqualTo(201);
        Api.Response batch = landlord.post("/api/tariffs/%s/assignments".formatted(flat), """
                {"accountIds":["%s","no-such-account-%s"]}""".formatted(account, id));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(outcomes(batch)).containsExactly(account + " DONE", "no-such-account-" + id + " NOT_FOUND");
        String water = "water-" + id;
        createTariff(water, "WATER");
        assertThat(publish(water, Instant.now().plusSeconds(2), """
                {"kind":"FLAT","price":"200"}""").status()).isEqualTo(201);
        Api.Response refused = landlord.post("/api/tariffs/%s/assignments".formatted(water), """
                {"accountIds":["%s"]}""".formatted(account));
        assertThat(outcomes(refused)).containsExactly(account + " REFUSED");
        assertThat(refused.body().get(0).get("detail").asText()).startsWith("tariff-utility-mismatch");
        assertThat(events.typesOf(account)).containsOnlyOnce("TariffAssigned");

        // the next reading is priced by the assigned tariff: 10 kWh x 5 = 50 + 0.625 carried -> 50
        assertThat(read("1", t1.plusSeconds(60), "240.5").status()).isEqualTo(201);
        JsonNode last = events.ofType(account, "ConsumptionCharged").getLast().payload();
        assertThat(last.get("tariffId").get("value").asText()).isEqualTo(flat);
        assertThat(lines(last)).containsExactly("v1 flat 10 x 5 = 50");
        assertThat(last.get("amount").get("minorUnits").asLong()).isEqualTo(50);
    }

    /** Time-of-use: peak 2.5 kWh x 40 = 100, valley 10.25 kWh x 15.5 = 158.875 -> 258 charged, 0.875 carried. */
    @Test
    void aTimeOfUseTariffPricesEachRegister() {
        String tariff = "tou-" + id;
        createTariff(tariff, "ELECTRICITY");
        assertThat(publish(tariff, t0, """
                {"kind":"TIME_OF_USE","registerPrices":{"peak":"40","valley":"15.5"}}""").status()).isEqualTo(201);
        registerMeter("1", "ELECTRICITY");
        Api.Response withoutRegisters = landlord.post("/api/accounts", """
                {"accountId":"a-%s-1","unitId":"u-%s","meterId":"m-%s-1","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"100"}""".formatted(id, id, id, tariff, t0));
        assertThat(withoutRegisters.status()).isEqualTo(422);
        assertThat(withoutRegisters.text("rule")).isEqualTo("tariff-registers-required");
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s-1","unitId":"u-%s","meterId":"m-%s-1","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"100","openingRegisters":{"peak":"40","valley":"60"}}"""
                .formatted(id, id, id, tariff, t0)).status()).isEqualTo(201);
        String account = "a-" + id + "-1";
        assertThat(topUp(account, 1_000).status()).isEqualTo(201);

        assertThat(landlord.post("/api/meters/m-%s-1/readings".formatted(id), """
                {"readAt":"%s","registerValue":"112.75","registers":{"peak":"42.5","valley":"70.25"}}"""
                .formatted(t0.plusSeconds(60))).status()).isEqualTo(201);

        JsonNode charged = events.ofType(account, "ConsumptionCharged").getFirst().payload();
        assertThat(lines(charged)).containsExactly("v1 peak 2.5 x 40 = 100", "v1 valley 10.25 x 15.5 = 158.875");
        assertThat(charged.get("amount").get("minorUnits").asLong()).isEqualTo(258);
        assertThat(charged.get("remainderCarried").decimalValue()).isEqualByComparingTo("0.875");

        // a register going backwards is rejected with its reason and never charged
        Api.Response backwards = landlord.post("/api/meters/m-%s-1/readings".formatted(id), """
                {"readAt":"%s","registerValue":"113","registers":{"peak":"42","valley":"71"}}"""
                .formatted(t0.plusSeconds(120)));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.text("rule")).isEqualTo("REGISTER_WENT_BACKWARDS");
        assertThat(events.ofType(account, "ConsumptionCharged")).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithTheRuleAndStoresNothing() {
        String tariff = "bad-" + id;
        createTariff(tariff, "ELECTRICITY");
        String noVersion = "none-" + id;
        createTariff(noVersion, "ELECTRICITY");

        // unknown ids
        assertThat(landlord.get("/api/tariffs/no-such-" + id).status()).isEqualTo(404);
        assertThat(publish("no-such-" + id, t0, THREE_TIERS).status()).isEqualTo(404);
        assertThat(landlord.post("/api/tariffs/no-such-%s/dry-runs".formatted(id), """
                {"version":{"effectiveFrom":"%s","schedule":{"kind":"FLAT","price":"1"},"standingChargePerDay":"0"}}"""
                .formatted(t0)).status()).isEqualTo(404);
        assertThat(landlord.post("/api/tariffs/no-such-%s/assignments".formatted(id), """
                {"accountIds":["a-1"]}""").status()).isEqualTo(404);
        assertThat(as(TENANT_B).get("/api/tariffs/" + tariff).status()).isEqualTo(404);
        registerMeter("1", "ELECTRICITY");
        Api.Response unknownTariff = landlord.post("/api/accounts", """
                {"accountId":"a-%s-1","unitId":"u-%s","meterId":"m-%s-1","currency":"EUR","tariffId":"no-such-%s",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(id, id, id, id, t0));
        assertThat(unknownTariff.status()).isEqualTo(404);

        // shapes and history rules, each naming its rule; no event stored
        int stored = events.of(tariff).size();
        assertRule(publish(tariff, t0, """
                {"kind":"FLAT","price":"-1"}"""), "tariff-price-negative");
        assertRule(publish(tariff, t0, """
                {"kind":"TIERED","period":"MONTH","tiers":[{"upTo":"150","price":"10"},{"upTo":"50","price":"20"},
                 {"price":"30"}]}"""), "tariff-tiers-not-ascending");
        assertRule(publishWithStanding(tariff, t0, "-0.5"), "tariff-price-negative");
        assertRule(publish(tariff, t0, """
                {"kind":"FLAT","price":"1.0000001"}"""), "tariff-price-too-precise");
        assertRule(publish(tariff, t0, """
                {"kind":"TIME_OF_USE","registerPrices":{"peak":"-3"}}"""), "tariff-price-negative");
        assertRule(publish(tariff, Instant.parse("2020-01-01T00:00:00Z"), THREE_TIERS), "tariff-version-back-dated");
        assertThat(events.of(tariff)).hasSize(stored);
        assertThat(publish(tariff, t0, THREE_TIERS).status()).isEqualTo(201);
        assertRule(publish(tariff, t0, THREE_TIERS), "tariff-version-not-after-latest");
        assertRule(publish(tariff, t0.minusSeconds(1), THREE_TIERS), "tariff-version-not-after-latest");
        assertThat(events.of(tariff)).hasSize(stored + 1);

        // an account needs a tariff of its meter's utility with a version in force at the opening reading
        String water = "water-" + id;
        createTariff(water, "WATER");
        assertThat(publish(water, t0, """
                {"kind":"FLAT","price":"200"}""").status()).isEqualTo(201);
        assertRule(openAccountResponse("1", water, t0), "tariff-utility-mismatch");
        assertRule(openAccountResponse("1", noVersion, t0), "tariff-no-version-in-force");
        assertRule(openAccountResponse("1", tariff, t0.minusSeconds(60)), "tariff-no-version-in-force");
        assertThat(events.of("a-" + id + "-1")).isEmpty();
        assertThat(events.typesOf("m-" + id + "-1")).containsExactly("MeterRegistered");
        assertRule(landlord.post("/api/accounts", """
                {"accountId":"a-%s-1","unitId":"u-%s","meterId":"m-%s-1","currency":"EUR","tariffId":"%s",
                 "pricePerUnitMinor":"10","openingReadAt":"%s","openingRegister":"0"}"""
                .formatted(id, id, id, tariff, t0)), "account-tariff-required");
    }

    private void createTariff(String tariffId, String utility) {
        assertThat(landlord.post("/api/tariffs", """
                {"tariffId":"%s","name":"Tariff %s","utility":"%s","currency":"EUR","zone":"UTC"}"""
                .formatted(tariffId, tariffId, utility)).status()).isEqualTo(201);
    }

    private Api.Response publish(String tariffId, Instant effectiveFrom, String schedule) {
        return landlord.post("/api/tariffs/%s/versions".formatted(tariffId), """
                {"effectiveFrom":"%s","schedule":%s,"standingChargePerDay":"0"}""".formatted(effectiveFrom, schedule));
    }

    private Api.Response publishWithStanding(String tariffId, Instant effectiveFrom, String standing) {
        return landlord.post("/api/tariffs/%s/versions".formatted(tariffId), """
                {"effectiveFrom":"%s","schedule":{"kind":"FLAT","price":"1"},"standingChargePerDay":"%s"}"""
                .formatted(effectiveFrom, standing));
    }

    private void registerMeter(String suffix, String utility) {
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s-%s","unitId":"u-%s","utility":"%s","serialNumber":"SN-%s-%s"}"""
                .formatted(id, suffix, id, utility, id, suffix)).status()).isEqualTo(201);
    }

    private String openAccount(String suffix, String tariffId, Instant openingReadAt) {
        registerMeter(suffix, "ELECTRICITY");
        assertThat(openAccountResponse(suffix, tariffId, openingReadAt).status()).isEqualTo(201);
        return "a-" + id + "-" + suffix;
    }

    private Api.Response openAccountResponse(String suffix, String tariffId, Instant openingReadAt) {
        return landlord.post("/api/accounts", """
                {"accountId":"a-%s-%s","unitId":"u-%s","meterId":"m-%s-%s","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"0"}"""
                .formatted(id, suffix, id, id, suffix, tariffId, openingReadAt));
    }

    private Api.Response topUp(String account, long amount) {
        return landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":%d,"currency":"EUR","reference":"cash-%s"}""".formatted(amount, UUID.randomUUID()));
    }

    private Api.Response read(String meterSuffix, Instant at, String register) {
        return landlord.post("/api/meters/m-%s-%s/readings".formatted(id, meterSuffix), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at, register));
    }

    private void awaitBalance(String account, long expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/" + account).number("balanceMinor")).isEqualTo(expected));
    }

    private static void assertRule(Api.Response response, String rule) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(422);
        assertThat(response.text("rule")).isEqualTo(rule);
    }

    /** "v1 tier-2 100 x 20.5 = 2050": version, component, quantity x unit price = exact amount. */
    private static List<String> lines(JsonNode charged) {
        List<String> lines = new ArrayList<>();
        charged.get("lines").forEach(line -> lines.add("v" + line.get("version").asInt() + " "
                + line.get("component").asText() + " " + plain(line.get("quantity")) + " x "
                + plain(line.get("unitPrice")) + " = " + plain(line.get("amount"))));
        return lines;
    }

    private static String plain(JsonNode number) {
        return new BigDecimal(number.asText()).stripTrailingZeros().toPlainString();
    }

    private static List<String> outcomes(Api.Response batch) {
        List<String> outcomes = new ArrayList<>();
        batch.body().forEach(outcome -> outcomes.add(outcome.get("accountId").asText() + " "
                + outcome.get("outcome").asText()));
        return outcomes;
    }
}
