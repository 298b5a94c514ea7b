package com.meterledger.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.audit.AccountDriver;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestTokens;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** XLSX beside the CSV, and export jobs with progress, per tenant. */
class ExportTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void streamedXlsxOpensWithPoiAndHasARowPerAccount() throws Exception {
        // given a property with two accounts, one topped up and charged
        AccountDriver one = twoAccounts("Xlsx Court");
        String period = "from=%s&to=%s".formatted(MOVE_IN.minusSeconds(3600), Instant.now().plusSeconds(60));

        // when the period report is fetched as XLSX
        awaitClosingBalance(one, 1_500, period);
        HttpResponse<byte[]> answer = download(TENANT_A, "/api/reports/properties/%s/period.xlsx?%s"
                .formatted(one.property(), period));

        // then it is a workbook with the header and one row per account
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        List<List<String>> rows = rows(answer.body());
        assertThat(rows.getFirst()).startsWith("account_id", "unit_id", "unit_name");
        assertThat(rows).hasSize(3);
        List<String> first = rows.stream().filter(r -> r.getFirst().equals(one.account())).findFirst().orElseThrow();
        assertThat(first.get(15)).isEqualTo("1500.0");                 // closing_balance_minor, numeric
        assertThat(first.get(20)).isEqualTo("TRUE");                   // balanced
    }

    @Test
    void anExportJobReachesHundredPercentAndItsFileOpens() throws Exception {
        // given
        AccountDriver one = twoAccounts("Job Court");
        String period = "from=%s&to=%s".formatted(MOVE_IN.minusSeconds(3600), Instant.now().plusSeconds(60));
        awaitClosingBalance(one, 1_500, period);

        // when an XLSX export job is started
        Api api = as(TENANT_A);
        Api.Response started = api.post("/api/exports", """
                {"report":"property-period","format":"XLSX","propertyId":"%s","from":"%s","to":"%s"}"""
                .formatted(one.property(), MOVE_IN.minusSeconds(3600), Instant.now().plusSeconds(60)));
        assertThat(started.status()).isEqualTo(202);
        String job = started.text("jobId");
        assertThat(started.number("rowsTotal")).isEqualTo(2);

        // then it ends DONE at 100 % with every row, and its file is the workbook
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/api/exports/" + job).text("status")).isEqualTo("DONE"));
        JsonNode status = api.get("/api/exports/" + job).body();
        assertThat(status.get("percent").asInt()).isEqualTo(100);
        assertThat(status.get("rowsDone").asLong()).isEqualTo(2);
        assertThat(status.get("rowsPerSecond").isNull()).isFalse();
        HttpResponse<byte[]> file = download(TENANT_A, "/api/exports/%s/file".formatted(job));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(rows(file.body())).hasSize(3);
    }

    @Test
    void anotherTenantsExportJobIsNotFound() throws Exception {
        // given tenant A's finished head-office export
        Api api = as(TENANT_A);
        String job = api.post("/api/exports", """
                {"report":"head-office","format":"CSV","month":"2026-01"}""").text("jobId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/api/exports/" + job).text("status")).isEqualTo("DONE"));

        // when tenant B asks for it, then it does not exist
        assertThat(as(TENANT_B).get("/api/exports/" + job).status()).isEqualTo(404);
        assertThat(download(TENANT_B, "/api/exports/%s/file".formatted(job)).statusCode()).isEqualTo(404);
    }

    @Test
    void badExportRequestsAreRefusedWithProblemsAndStartNothing() {
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property("Bad Court");
        Api api = one.api;
        String body = """
                {"report":"property-period","format":"XLSX","propertyId":"%s","from":"%s","to":"%s"}""";
        Instant now = Instant.now();
        // the period ends before it starts
        assertThat(api.post("/api/exports", body.formatted(one.property(), now, now.minusSeconds(60))).status())
                .isBetween(400, 499);
        // the period spans more than a year
        assertThat(api.post("/api/exports", body.formatted(one.property(), now.minus(Duration.ofDays(400)), now))
                .status()).isBetween(400, 499);
        // an unknown property
        assertThat(api.post("/api/exports", body.formatted("no-such-property", now.minusSeconds(60), now)).status())
                .isEqualTo(404);
        // an unknown report and a malformed body
        assertThat(api.post("/api/exports", """
                {"report":"everything","format":"XLSX"}""").status()).isBetween(400, 499);
        assertThat(api.post("/api/exports", "{not json").status()).isBetween(400, 499);
        // the streamed XLSX checks its period before the first byte
        assertThat(api.get("/api/reports/properties/%s/period.xlsx?from=%s&to=%s"
                .formatted(one.property(), now, now.minusSeconds(1))).status()).isBetween(400, 499);
    }

    /** Two accounts; the first is topped up with 2000 and charged 500. Returns the first. */
    private AccountDriver twoAccounts(String name) {
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property(name).moveIn("-1", "Flat 1");
        AccountDriver.sameProperty(one).moveIn("-2", "Flat 2");
        one.topUp(2_000, "x-" + name.hashCode());
        one.read("5");
        return one;
    }

    private static void awaitClosingBalance(AccountDriver account, long balance, String period) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(account.api
                .get("/api/reports/accounts/%s/period?%s".formatted(account.account(), period))
                .number("closingBalanceMinor")).isEqualTo(balance));
    }

    private HttpResponse<byte[]> download(String tenant, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TestTokens.adminOf(tenant, port)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<List<String>> rows(byte[] xlsx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    cells.add(row.getCell(i) == null ? "" : row.getCell(i).toString());
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
