package com.meterledger.app.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.FailingExportPart;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindTenantExportParts;
import org.axonframework.queryhandling.QueryBus;
import com.meterledger.query.export.ExportRequest;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.query.export.ExportJobStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaving with one's data: a tenant administrator exports everything of the tenant as a job with progress and
 * downloads one zip of its events (JSON Lines), its read models (CSV) and a manifest with each file's SHA-256.
 */
class TenantExportTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(TenantExportTest.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ExportJobStore jobs;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    QueryBus queryBus;

    @Test
    void givenAnExportReadingInsideItsReadOnlyTransactionWhenItReportsProgressThenTheProgressIsStored() {
        TenantId tenant = new TenantId(TENANT_A);
        String jobId = "exp-" + UUID.randomUUID();
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        TenantContext.callAs(tenant, () -> {
            jobs.create(tenant, jobId, new ExportRequest("tenant-archive", "ZIP", null, null, null, null), "{}", 1000);
            readOnly.executeWithoutResult(status -> jobs.progress(tenant, jobId, 500));
            assertThat(jobs.status(tenant, jobId).rowsDone()).isEqualTo(500);
            return null;
        });
    }

    @Test
    void theExportOfATenantWithAccountsAndPaymentsHoldsItsEventsAndRowsAndNoneOfAnotherTenant() throws Exception {
        // given tenant A and tenant B, each with an account, a top-up and a charged reading, B's marked
        String own = "exa" + UUID.randomUUID().toString().substring(0, 6);
        String foreign = "exb" + UUID.randomUUID().toString().substring(0, 6);
        String foreignMarker = "only-b-" + foreign;
        Api a = as(TENANT_A);
        Api b = as(TENANT_B);
        seed(a, own, "top-up-" + own);
        seed(b, foreign, foreignMarker);
        // and an occupant's contact each (personal data, exported to its own tenant only)
        assertThat(a.put("/api/accounts/a-" + own + "/contact", """
                {"name":"Occupant %s","email":"occ-%s@example.test","channels":["EMAIL"]}""".formatted(own, own))
                .status()).isIn(200, 204);
        assertThat(b.put("/api/accounts/a-" + foreign + "/contact", """
                {"name":"Occupant %s","email":"occ-%s@example.test","channels":["EMAIL"]}""".formatted(foreign,
                foreign)).status()).isIn(200, 204);
        // and a gateway each, whose secret A's export must not hold
        Api.Response gateway = a.post("/api/gateways", """
                {"gatewayId":"gw-%s","propertyId":"p-%s","name":"Roof %s"}""".formatted(own, own, own));
        assertThat(gateway.status()).as(gateway.body().toString()).isEqualTo(201);
        String secret = gateway.text("secret");
        assertThat(secret).isNotBlank();
        assertThat(b.post("/api/gateways", """
                {"gatewayId":"gw-%s","propertyId":"p-%s","name":"Roof %s"}""".formatted(foreign, foreign, foreign))
                .status()).isEqualTo(201);

        // when tenant A's administrator exports the tenant and polls the job until it is done
        long started = System.nanoTime();
        Api.Response job = a.post("/api/tenant/export", null);
        assertThat(job.status()).as(job.body().toString()).isEqualTo(202);
        String jobId = job.text("jobId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(a.get("/api/tenant/export/" + jobId).text("status")).isEqualTo("DONE"));
        JsonNode status = a.get("/api/tenant/export/" + jobId).body();
        HttpResponse<byte[]> download = download(TENANT_A, status.get("file").asText());
        log.info("tenant export of {}: {} events and rows, {} bytes, {} ms from request to download", TENANT_A,
                status.get("rowsDone").asLong(), download.body().length, (System.nanoTime() - started) / 1_000_000);

        // then progress reached 100 % and the zip holds A's events and rows, and nothing of B's
        assertThat(status.get("percent").asInt()).isEqualTo(100);
        assertThat(status.get("rowsDone").asLong()).isEqualTo(status.get("rowsTotal").asLong()).isPositive();
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        Map<String, byte[]> files = unzip(download.body());
        assertThat(files).containsKeys("events.jsonl", "accounts.csv", "ledger-lines.csv", "meters.csv",
                "readings.csv", "payments.csv", "cash-desk-receipts.csv", "manifest.json");
        String events = text(files, "events.jsonl");
        assertThat(events).contains("\"aggregateId\":\"a-" + own + "\"", "AccountOpened", "top-up-" + own);
        events.lines().forEach(line -> assertThat(readTree(line).path("metaData").path("tenantId").asText())
                .isEqualTo(TENANT_A));
        assertThat(text(files, "accounts.csv")).contains("a-" + own);
        assertThat(text(files, "meters.csv")).contains("m-" + own);
        assertThat(text(files, "payments.csv")).contains("a-" + own, "top-up-" + own, "CREDIT");
        assertThat(text(files, "readings.csv")).contains("a-" + own);
        // the registry and the occupants' contacts, each from its own module's part
        assertThat(text(files, "properties.csv")).startsWith("property_id,name,address,created_at")
                .contains("p-" + own);
        assertThat(text(files, "units.csv")).startsWith("unit_id,property_id,name,created_at").contains("p-" + own);
        assertThat(text(files, "occupant-contacts.csv")).startsWith("account_id,name,email,phone,channels,updated_at")
                .contains("a-" + own + ",Occupant " + own + ",occ-" + own + "@example.test");
        // the gateway registry, from meter-gateways' own part (FindTenantExportParts), without its secret
        assertThat(text(files, "gateways.csv")).startsWith("gateway_id,property_id,name,")
                .contains("gw-" + own + ",p-" + own + ",Roof " + own);
        assertThat(text(files, "gateway-meters.csv")).startsWith("meter_id,gateway_id,address,attached_at");
        // the tariffs, from query-side's part: one row per version, the schedule as JSON in a cell; A's account was
        // opened with a flat price of 100, so its private tariff has one flat version
        assertThat(text(files, "tariffs.csv")).startsWith("tariff_id,name,utility,currency,zone,state,created_at,"
                + "version_number,effective_from,kind,standing_charge_per_day,schedule,published_at");
        assertThat(text(files, "tariffs.csv").lines().filter(line -> line.startsWith("flat.a-" + own + ",")).toList())
                .singleElement().asString().contains(",ELECTRICITY,EUR,", ",PUBLISHED,", ",1,", ",FLAT,0,",
                        "\"kind\"\"", "\"price\"\"");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(new String(file.getValue(), StandardCharsets.UTF_8)).as(file.getKey())
                    .doesNotContain(secret).doesNotContain("secret_hash").doesNotContain("secret_salt");
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String content = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(content).as(file.getKey()).doesNotContain(foreign, foreignMarker);
        }

        // and the manifest lists every other file with its checksum and row count, which match the files
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("tenantId").asText()).isEqualTo(TENANT_A);
        assertThat(manifest.get("files")).hasSize(files.size() - 1);
        long rows = 0;
        for (JsonNode listed : manifest.get("files")) {
            byte[] content = files.get(listed.get("name").asText());
            assertThat(content).as(listed.get("name").asText()).isNotNull();
            assertThat(listed.get("sha256").asText()).as(listed.get("name").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            long lines = new String(content, StandardCharsets.UTF_8).lines().count();
            boolean csv = listed.get("name").asText().endsWith(".csv");
            assertThat(listed.get("rows").asLong()).as(listed.get("name").asText())
                    .isEqualTo(csv ? lines - 1 : lines);
            rows += listed.get("rows").asLong();
        }
        assertThat(rows).isEqualTo(status.get("rowsDone").asLong());
    }

    @Test
    void anExportWhoseGatewaysPartThrowsFailsNamingThePartAndOffersNoZip() {
        // given tenant A with an account, and the gateways' module throwing when asked for its part of A's export
        Api a = as(TENANT_A);
        seed(a, "exf" + UUID.randomUUID().toString().substring(0, 6), "top-up-exf-" + UUID.randomUUID());
        try (FailingExportPart ignored = FailingExportPart.of(queryBus, TENANT_A,
                FindTenantExportParts.METER_GATEWAYS)) {
            // when A's administrator exports the tenant and the job ends
            Api.Response job = a.post("/api/tenant/export", null);
            assertThat(job.status()).as(job.body().toString()).isEqualTo(202);
            String jobId = job.text("jobId");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(a.get("/api/tenant/export/" + jobId).text("status")).isIn("DONE", "FAILED"));

            // then the job failed, its error naming the missing part, and there is no zip to download
            JsonNode status = a.get("/api/tenant/export/" + jobId).body();
            log.info("tenant export with a failing part: {}", status);
            assertThat(status.get("status").asText()).isEqualTo("FAILED");
            assertThat(status.get("error").asText()).isEqualTo("export-part-missing: meter-gateways");
            assertThat(status.get("file").isNull()).isTrue();
            assertThat(a.get("/api/tenant/export/" + jobId + "/download").status()).isEqualTo(404);
        }
    }

    @Test
    void anotherTenantsJobIsNotFoundAndANonsenseJobIdIsAProblemNamingIt() {
        // given a job of tenant A
        Api.Response job = as(TENANT_A).post("/api/tenant/export", null);
        assertThat(job.status()).isEqualTo(202);
        String jobId = job.text("jobId");

        // when tenant B asks for it, and for a job id that is none
        Api b = as(TENANT_B);
        Api.Response foreignStatus = b.get("/api/tenant/export/" + jobId);
        Api.Response foreignDownload = b.get("/api/tenant/export/" + jobId + "/download");
        Api.Response nonsense = b.get("/api/tenant/export/not-a-job");
        Api.Response unknown = b.get("/api/tenant/export/exp-" + UUID.randomUUID());

        // then the foreign and the unknown job are 404, the nonsense id a 400 naming jobId
        assertThat(foreignStatus.status()).isEqualTo(404);
        assertThat(foreignDownload.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.body().toString()).contains("jobId");
        assertThat(foreignStatus.body().toString()).doesNotContain(TENANT_A);
    }

    private static void seed(Api admin, String id, String reference) {
        Instant openedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, id, "100", openedAt, "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-" + id).status() == 200);
        assertThat(admin.post("/api/accounts/a-" + id + "/top-ups", """
                {"amountMinor":3000,"currency":"EUR","reference":"%s"}""".formatted(reference)).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/meters/m-" + id + "/readings", """
                {"readAt":"%s","registerValue":"1005"}""".formatted(Instant.now().minusSeconds(60)
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.get("/api/accounts/a-" + id).number("balanceMinor")).isEqualTo(2500));
    }

    private HttpResponse<byte[]> download(String tenant, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.adminOf(tenant, port)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
