package com.meterledger.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.audit.AccountDriver;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-property dashboard and the head-office roll-up against hand computations (100 cents per kWh, UTC). */
class DashboardTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void dashboardFiguresEqualHandComputationAfterReadingsTopUpsAndACut() {
        // given three accounts of one property and a gateway that was never heard from
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property("Dashboard Court").moveIn("-1", "Flat 1");
        AccountDriver two = AccountDriver.sameProperty(one).moveIn("-2", "Flat 2");
        AccountDriver.sameProperty(one).moveIn("-3", "Flat 3");
        Api api = one.api;
        assertThat(api.post("/api/gateways", """
                {"gatewayId":"gw-%s","propertyId":"%s","name":"Roof"}""".formatted(one.meter(), one.property()))
                .status()).isEqualTo(201);

        // when: top-ups, readings (one drops below the first warning, two below zero: cut)
        one.topUp(3_000, "dash-1");
        two.topUp(1_000, "dash-2");
        Instant oneFirst = one.read("5");           // 500 -> 2500
        Instant oneSecond = one.read("11");         // 600 -> 1900: first warning
        Instant twoFirst = two.read("15");          // 1500 -> -500: depleted, cut issued

        // then, while the cut is pending, two is depleted and its command is listed
        String dashboard = "/api/properties/%s/dashboard".formatted(one.property());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            JsonNode d = api.get(dashboard).body();
            assertThat(d.get("accounts").get("depleted").asLong()).isEqualTo(1);
            assertThat(d.get("pendingCommands")).hasSize(1);
        });
        JsonNode pending = api.get(dashboard).body().get("pendingCommands").get(0);
        assertThat(pending.get("meterId").asText()).isEqualTo(two.meter());
        assertThat(pending.get("action").asText()).isEqualTo("CUT");

        acknowledge(api, two.meter(), pending.get("commandId").asText());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.get(dashboard).body().get("accounts").get("cut").asLong()).isEqualTo(1));

        JsonNode d = api.get(dashboard).body();
        assertThat(d.get("propertyName").asText()).isEqualTo("Dashboard Court");
        assertThat(d.get("meters").asLong()).isEqualTo(3);
        JsonNode accounts = d.get("accounts");
        assertThat(List.of(accounts.get("active").asLong(), accounts.get("low").asLong(),
                accounts.get("depleted").asLong(), accounts.get("cut").asLong(), accounts.get("closed").asLong()))
                .containsExactly(1L, 1L, 0L, 1L, 0L);
        assertThat(d.get("pendingCommands")).isEmpty();

        List<Map.Entry<Instant, Integer>> consumption = List.of(Map.entry(oneFirst, 5), Map.entry(oneSecond, 6),
                Map.entry(twoFirst, 15));
        JsonNode electricity = d.get("consumption").get(0);
        assertThat(electricity.get("utility").asText()).isEqualTo("ELECTRICITY");
        assertThat(electricity.get("today").decimalValue()).isEqualByComparingTo(sum(consumption, true));
        assertThat(electricity.get("month").decimalValue()).isEqualByComparingTo(sum(consumption, false));

        JsonNode eur = d.get("money").get(0);
        assertThat(eur.get("currency").asText()).isEqualTo("EUR");
        assertThat(eur.get("chargesTodayMinor").asLong()).isEqualTo(500 + 600 + 1_500);
        assertThat(eur.get("chargesMonthMinor").asLong()).isEqualTo(500 + 600 + 1_500);
        assertThat(eur.get("creditsTodayMinor").asLong()).isEqualTo(3_000 + 1_000);
        assertThat(eur.get("creditsMonthMinor").asLong()).isEqualTo(3_000 + 1_000);
        assertThat(eur.get("arrearsMinor").asLong()).isEqualTo(500);

        List<String> top = new ArrayList<>();
        d.get("topConsumers").forEach(t -> top.add(t.get("meterId").asText() + "=" + t.get("quantity").decimalValue()
                .stripTrailingZeros().toPlainString()));
        if (YearMonth.from(MOVE_IN.atZone(ZoneOffset.UTC)).equals(YearMonth.now(ZoneOffset.UTC))) {
            assertThat(top).containsExactly(two.meter() + "=15", one.meter() + "=11");
        }
        assertThat(d.get("offlineGateways")).hasSize(1);
        assertThat(d.get("offlineGateways").get(0).get("gatewayId").asText()).isEqualTo("gw-" + one.meter());

        JsonNode meter = api.get("/api/meters/%s/status".formatted(two.meter())).body();
        assertThat(meter.get("supplyConfirmed").asText()).isEqualTo("OFF");
        assertThat(meter.get("lastRegister").decimalValue()).isEqualByComparingTo("15");
        assertThat(meter.get("online").asBoolean()).isFalse();
    }

    @Test
    void headOfficeRollupEqualsTheSumOfTheAccountsPeriodReports() {
        // given two properties with some money and consumption this month
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property("Rollup North").moveIn("-1", "N1");
        AccountDriver two = AccountDriver.sameProperty(one).moveIn("-2", "N2");
        AccountDriver three = new AccountDriver(one.api, MOVE_IN).property("Rollup South").moveIn("-1", "S1");
        one.topUp(2_000, "r-1");
        three.topUp(700, "r-3");
        one.read("4");
        two.read("3");                               // no credit: closes at -300
        three.read("9");                             // 700 - 900 = -200

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Api api = one.api;
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            JsonNode rollup = api.get("/api/dashboard/head-office?month=" + month).body();
            // when every account's period report is summed by hand
            for (List<AccountDriver> property : List.of(List.of(one, two), List.of(three))) {
                long[] expected = new long[6];
                for (AccountDriver account : property) {
                    JsonNode report = api.get("/api/reports/accounts/%s/period?from=%s&to=%s"
                            .formatted(account.account(), from, to)).body();
                    expected[0] += report.get("openingBalanceMinor").asLong();
                    expected[1] += report.get("creditsMinor").asLong();
                    expected[2] += report.get("chargesMinor").asLong();
                    expected[3] += report.get("adjustmentsMinor").asLong();
                    expected[4] += report.get("closingBalanceMinor").asLong();
                    expected[5] += Math.max(0, -report.get("closingBalanceMinor").asLong());
                }
                // then the roll-up's property totals are those sums
                JsonNode totals = propertyOf(rollup, property.getFirst().property()).get("totals").get(0);
                assertThat(new long[]{totals.get("openingBalanceMinor").asLong(), totals.get("creditsMinor").asLong(),
                        totals.get("chargesMinor").asLong(), totals.get("adjustmentsMinor").asLong(),
                        totals.get("closingBalanceMinor").asLong(), totals.get("arrearsMinor").asLong()})
                        .containsExactly(expected);
            }
            assertThat(propertyOf(rollup, one.property()).get("totals").get(0).get("arrearsMinor").asLong())
                    .isEqualTo(300);
            assertThat(propertyOf(rollup, three.property()).get("consumption").get(0).get("quantity").decimalValue())
                    .isEqualByComparingTo("9");
            // and the tenant's totals are the sum of its properties'
            long credits = 0;
            for (JsonNode property : rollup.get("properties")) {
                for (JsonNode t : property.get("totals")) {
                    credits += t.get("creditsMinor").asLong();
                }
            }
            assertThat(rollup.get("totals").get(0).get("creditsMinor").asLong()).isEqualTo(credits);
        });
    }

    @Test
    void aMalformedMonthIsRefusedWithAProblem() {
        Api.Response answer = as(TENANT_A).get("/api/dashboard/head-office?month=2026-13");
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.body().get("detail").asText()).contains("month");
    }

    private static JsonNode propertyOf(JsonNode rollup, String propertyId) {
        for (JsonNode property : rollup.get("properties")) {
            if (property.get("propertyId").asText().equals(propertyId)) {
                return property;
            }
        }
        throw new AssertionError("no property " + propertyId + " in the roll-up");
    }

    /** Consumption read today (or this month), in UTC. */
    private static BigDecimal sum(List<Map.Entry<Instant, Integer>> consumption, boolean today) {
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        return BigDecimal.valueOf(consumption.stream().filter(e -> {
            LocalDate day = LocalDate.ofInstant(e.getKey(), ZoneOffset.UTC);
            return today ? day.equals(now) : YearMonth.from(day).equals(YearMonth.from(now));
        }).mapToInt(Map.Entry::getValue).sum());
    }

    private void acknowledge(Api api, String meter, String commandId) {
        assertThat(api.post("/api/meters/%s/supply-commands/%s/acknowledgement".formatted(meter, commandId), """
                {"executed":true}""").status()).isEqualTo(204);
    }
}
