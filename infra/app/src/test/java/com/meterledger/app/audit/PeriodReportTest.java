package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.meterledger.app.audit.AccountDriver.mark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Period reports per account and per property, JSON and streamed CSV, against hand computations (100 cents/kWh). */
class PeriodReportTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant BEFORE = MOVE_IN.minus(Duration.ofHours(1));

    @Test
    void accountAndPropertyReportsAddUpAndStreamAsEscapedCsv() throws Exception {
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property("Rose Court, East")
                .moveIn("-1", "Flat 1, ground floor");
        AccountDriver two = AccountDriver.sameProperty(one).moveIn("-2", "=Shop \"Corner\"");
        one.topUp(3_000, "cash-1");
        one.read("5");                              // 500 -> 2500, read at move-in + 1 h
        Instant mid = mark();
        one.read("11");                             // 600 -> 1900, read at move-in + 2 h
        one.refund(250, "overpaid, \"sorry\"");     // -> 1650
        two.topUp(1_000, "cash-2");
        Instant end = mark();
        Api api = one.api;

        String full = "?from=%s&to=%s".formatted(BEFORE, end);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(api.get(period(one, full)).number("closingBalanceMinor")).isEqualTo(1_650);
            assertThat(api.get(period(two, full)).number("closingBalanceMinor")).isEqualTo(1_000);
        });

        JsonNode whole = api.get(period(one, full)).body();
        assertThat(whole.get("openingBalanceMinor").asLong()).isZero();
        assertThat(whole.get("creditsMinor").asLong()).isEqualTo(3_000);
        assertThat(whole.get("chargesMinor").asLong()).isEqualTo(1_100);
        assertThat(whole.get("breakdown").get("consumptionMinor").asLong()).isEqualTo(1_100);
        assertThat(whole.get("breakdown").get("refundsMinor").asLong()).isEqualTo(250);
        assertThat(whole.get("adjustmentsMinor").asLong()).isEqualTo(-250);
        assertThat(whole.get("closingBalanceMinor").asLong()).isEqualTo(1_650);
        assertThat(whole.get("ledgerLines").asLong()).isEqualTo(4);
        assertThat(whole.get("chargedQuantity").decimalValue()).isEqualByComparingTo("11");
        assertThat(whole.get("openingRegister").decimalValue()).isEqualByComparingTo("0");
        assertThat(whole.get("closingRegister").decimalValue()).isEqualByComparingTo("11");
        assertThat(whole.get("balanced").asBoolean()).isTrue();

        // money on the booking axis: two consecutive periods chain and add up to the whole
        JsonNode first = api.get(period(one, "?from=%s&to=%s".formatted(BEFORE, mid))).body();
        JsonNode second = api.get(period(one, "?from=%s&to=%s".formatted(mid, end))).body();
        assertThat(first.get("closingBalanceMinor").asLong()).isEqualTo(2_500);
        assertThat(second.get("openingBalanceMinor").asLong()).isEqualTo(2_500);
        assertThat(second.get("chargesMinor").asLong()).isEqualTo(600);
        assertThat(first.get("creditsMinor").asLong() + second.get("creditsMinor").asLong()).isEqualTo(3_000);
        // registers on the reading axis: up to 90 minutes after move-in only the first reading (5) was read
        JsonNode early = api.get(period(one, "?from=%s&to=%s".formatted(BEFORE, MOVE_IN.plus(Duration.ofMinutes(90)))))
                .body();
        assertThat(early.get("openingRegister").decimalValue()).isEqualByComparingTo("0");
        assertThat(early.get("closingRegister").decimalValue()).isEqualByComparingTo("5");
        assertThat(early.get("registerAdvance").decimalValue()).isEqualByComparingTo("5");

        JsonNode property = api.get("/api/reports/properties/%s/period%s".formatted(one.property(), full)).body();
        assertThat(property.get("propertyName").asText()).isEqualTo("Rose Court, East");
        assertThat(property.get("accounts")).hasSize(2);
        JsonNode eur = property.get("totals").get(0);
        assertThat(eur.get("currency").asText()).isEqualTo("EUR");
        assertThat(eur.get("accounts").asInt()).isEqualTo(2);
        assertThat(eur.get("creditsMinor").asLong()).isEqualTo(4_000);
        assertThat(eur.get("chargesMinor").asLong()).isEqualTo(1_100);
        assertThat(eur.get("adjustmentsMinor").asLong()).isEqualTo(-250);
        assertThat(eur.get("closingBalanceMinor").asLong()).isEqualTo(2_650);

        HttpResponse<String> propertyCsv = csv("/api/reports/properties/%s/period.csv%s".formatted(one.property(), full));
        assertThat(propertyCsv.statusCode()).isEqualTo(200);
        assertThat(propertyCsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> rows = propertyCsv.body().lines().toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("account_id,unit_id,unit_name,meter_id,currency,opening_balance_minor");
        String oneRow = rows.stream().filter(r -> r.startsWith(one.account() + ",")).findFirst().orElseThrow();
        assertThat(oneRow).contains(",\"Flat 1, ground floor\",", ",EUR,0,3000,1100,0,0,0,0,0,250,0,1650,11.000,0.000,11.000,4,true");
        String twoRow = rows.stream().filter(r -> r.startsWith(two.account() + ",")).findFirst().orElseThrow();
        assertThat(twoRow).contains(",\"'=Shop \"\"Corner\"\"\",");      // quoted, quotes doubled, formula defused
        assertThat(propertyCsv.body()).contains("\r\n");

        HttpResponse<String> accountCsv = csv("/api/reports/accounts/%s/period.csv%s".formatted(one.account(), full));
        assertThat(accountCsv.statusCode()).isEqualTo(200);
        List<String> lines = accountCsv.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).contains(",REFUND,-250,1650,,", ",\"overpaid, \"\"sorry\"\"\"");
    }

    @Test
    void badPeriodsUnknownAndForeignIdsAreProblemsBeforeAnythingIsStreamed() {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Yew").moveIn("-1", "Flat");
        a.topUp(900, "y-1");
        Instant now = Instant.now();
        Api b = as(TENANT_B);
        String ok = "?from=%s&to=%s".formatted(now.minus(Duration.ofDays(30)), now.plusSeconds(60));

        assertThat(a.api.get(period(a, "?from=%s&to=%s".formatted(now, now.minusSeconds(1)))).status()).isEqualTo(422);
        assertThat(a.api.get(period(a, "?from=%s&to=%s".formatted(now, now))).status()).isEqualTo(422);
        Api.Response tooLong = a.api.get(period(a, "?from=%s&to=%s".formatted(now.minus(Duration.ofDays(367)), now)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text("rule")).isEqualTo("period-too-long");
        assertThat(a.api.get(period(a, "?from=%s".formatted(now))).status()).isEqualTo(400);
        assertThat(a.api.get(period(a, "?from=last-week&to=%s".formatted(now))).status()).isEqualTo(400);
        assertThat(a.api.get("/api/reports/accounts/a-unknown/period" + ok).status()).isEqualTo(404);
        assertThat(a.api.get("/api/reports/properties/p-unknown/period" + ok).status()).isEqualTo(404);

        Api.Response foreign = b.get(period(a, ok));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().toString()).doesNotContain("900");
        assertThat(b.get("/api/reports/properties/%s/period%s".formatted(a.property(), ok)).status()).isEqualTo(404);
        assertThat(csvAs(TENANT_B, "/api/reports/accounts/%s/period.csv%s".formatted(a.account(), ok)).statusCode())
                .isEqualTo(404);
        assertThat(csvAs(TENANT_B, "/api/reports/properties/%s/period.csv%s".formatted(a.property(), ok)).statusCode())
                .isEqualTo(404);
        assertThat(csv("/api/reports/accounts/%s/period.csv?from=%s&to=%s".formatted(a.account(), now,
                now.minus(Duration.ofDays(1)))).statusCode()).isEqualTo(422);
    }

    private static String period(AccountDriver a, String query) {
        return "/api/reports/accounts/%s/period%s".formatted(a.account(), query);
    }

    private HttpResponse<String> csv(String path) {
        return csvAs(TENANT_A, path);
    }

    private HttpResponse<String> csvAs(String tenant, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + TestTokens.adminOf(tenant, port)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
