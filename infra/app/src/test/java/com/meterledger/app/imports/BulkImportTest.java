package com.meterledger.app.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestPeople;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.ui.imports.ImportJobStore;
import com.meterledger.ui.imports.ImportJobs;
import com.meterledger.ui.imports.ImportPlan;
import com.meterledger.ui.imports.ImportPlanner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bulk import through {@code /api/imports}: a dry run that stores nothing and names every refused cell by row and
 * column, a real run as a job with an outcome per row that stores only the rows the dry run found valid, and a second
 * run of the same file that changes nothing.
 */
class BulkImportTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "property,unit,unit_name,meter,utility,serial,account,currency,tariff,"
            + "opening_read_at,opening_register,opening_balance,occupant_name,occupant_email,occupant_phone\r\n";

    @Autowired
    ImportPlanner planner;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportJobStore store;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private Api admin;
    private String id;
    private String property;
    private String tariff;

    @BeforeEach
    void aPropertyAndAPublishedTariff() {
        admin = as(TENANT_A);
        id = UUID.randomUUID().toString().substring(0, 8);
        property = "imp-" + id;
        tariff = "imp-t-" + id;
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Import %s"}""".formatted(property, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/tariffs", """
                {"tariffId":"%s","name":"Import","utility":"ELECTRICITY","currency":"EUR","zone":"UTC"}"""
                .formatted(tariff)).status()).isEqualTo(201);
        Instant inForce = Instant.now().plusSeconds(5);
        assertThat(admin.post("/api/tariffs/%s/versions".formatted(tariff), """
                {"effectiveFrom":"%s","schedule":{"kind":"FLAT","price":"10"},"standingChargePerDay":"0"}"""
                .formatted(inForce)).status()).isEqualTo(201);
        // rows opened "now" need the version in force: it may not be back-dated, so it starts a moment ahead
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(inForce));
    }

    @Test
    void aDryRunNamesEveryRefusedCellByRowAndColumnAndStoresNothing() throws IOException {
        String csv = HEADER
                + row("u1", "m1", "a1", tariff, "100", "5000", "Ann", "ann@example.test", "+31612345678")
                + row("u1", "m2", "a2", tariff, "100", "0", "", "", "")            // duplicate unit
                + row("u3", "m3", "a3", "no-such-tariff", "100", "0", "", "", "")  // unknown tariff
                + row("u4", "m4", "a4", tariff, "100", "-5", "", "", "")           // negative balance
                + row("u5", "m5", "a5", tariff, "999999999999", "0", "", "", "")   // absurd register
                + row("u6", "m6", "a6", tariff, "100", "0", "=HYPERLINK(\"http://x\")", "", "") // formula
                + "no-such-property,%s-u7,,,,,,,,,,,,,\r\n".formatted(id)
                + row("u8", "m8", "a8", tariff, "100", "0", "", "", "").replace(",EUR," + tariff + ",,",
                ",EUR," + tariff + ",2020-01-01,");

        JsonNode plan = multipart("/api/imports/dry-runs", csv.getBytes(StandardCharsets.UTF_8), "units.csv");

        assertThat(plan.path("fileErrors")).isEmpty();
        assertThat(plan.path("rows")).hasSize(8);
        assertThat(errorsOf(plan)).containsExactlyInAnyOrder(
                "3 unit import-duplicate", "4 tariff import-unknown-tariff", "5 opening_balance invalid-field",
                "6 opening_register import-register-implausible", "7 occupant_name import-formula-refused",
                "8 property import-unknown-property", "9 opening_read_at tariff-no-version-in-force");
        assertThat(plan.path("rows").get(0).path("steps").toString()).contains("CREATE_UNIT", "CREATE_METER",
                "OPEN_ACCOUNT", "CREDIT_OPENING_BALANCE", "SET_CONTACT");
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body()).as("a dry run stores nothing")
                .isEmpty();
    }

    @Test
    void wrongColumnsRefuseTheWholeFileWithAProblemAndStoreNothing() throws IOException {
        byte[] file = ("property,unit,colour\r\n" + property + ",u1,red\r\n").getBytes(StandardCharsets.UTF_8);

        JsonNode plan = multipart("/api/imports/dry-runs", file, "bad.csv");
        JsonNode refused = multipartAnswer("/api/imports", file, "bad.csv");

        assertThat(plan.path("fileErrors").get(0).path("rule").asText()).isEqualTo("import-unknown-column");
        assertThat(plan.path("fileErrors").get(0).path("column").asText()).isEqualTo("colour");
        assertThat(refused.path("status").asInt()).isEqualTo(422);
        assertThat(refused.path("rule").asText()).isEqualTo("import-unknown-column");
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body()).isEmpty();
    }

    @Test
    void theRunStoresOnlyTheValidRowsAndASecondRunOfTheSameFileChangesNothing() throws IOException {
        String csv = HEADER
                + row("u1", "m1", "a1", tariff, "100", "5000", "Ann", "ann@example.test", "+31612345678")
                + row("u2", "m2", "a2", tariff, "250.5", "0", "", "", "")
                + row("u3", "m3", "a3", "no-such-tariff", "100", "700", "", "", "");
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        JsonNode first = runToTheEnd(file);

        assertThat(first.path("done").asInt()).as(first.toString()).isEqualTo(2);
        assertThat(first.path("refused").asInt()).isEqualTo(1);
        assertThat(first.path("failed").asInt()).as(first.toString()).isZero();
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body()).extracting(u -> u.path("unitId").asText())
                .as("the refused row's unit is not stored").containsExactlyInAnyOrder(id + "-u1", id + "-u2");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(admin.get("/api/accounts/" + id + "-a1").number("balanceMinor")).isEqualTo(5000);
            assertThat(admin.get("/api/accounts/" + id + "-a2").status()).isEqualTo(200);
        });
        assertThat(admin.get("/api/accounts/" + id + "-a3").status()).isEqualTo(404);
        assertThat(admin.get("/api/accounts/" + id + "-a1/contact").text("phone")).isEqualTo("+31612345678");

        JsonNode second = runToTheEnd(file);

        assertThat(second.path("unchanged").asInt()).as(second.toString()).isEqualTo(2);
        assertThat(second.path("done").asInt()).isZero();
        assertThat(second.path("refused").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/accounts/" + id + "-a1").number("balanceMinor")).as("credited once").isEqualTo(5000);
    }

    @Test
    void aRowThatFailsWhileRunningStoresNothingOfItselfAndTheOtherRowsOfItsBatchAreDone() throws Exception {
        // given a plan that found three rows valid, and then, before the run, another person registers row 2's meter
        String csv = HEADER
                + row("u1", "m1", "a1", tariff, "100", "5000", "Ann", "ann@example.test", "")
                + row("u2", "m2", "a2", tariff, "100", "5000", "Bob", "bob@example.test", "")
                + row("u3", "m3", "a3", tariff, "100", "5000", "Cy", "cy@example.test", "");
        ImportPlan plan = planner.plan(new TenantId(TENANT_A), csv.getBytes(StandardCharsets.UTF_8), ZoneOffset.UTC);
        assertThat(plan.validRows()).as(plan.errors().toString()).isEqualTo(3);
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s-u0","name":"Flat 0"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/meters", """
                {"meterId":"%s-m2","unitId":"%s-u0","utility":"ELECTRICITY","serialNumber":"SN-race"}"""
                .formatted(id, id)).status()).isEqualTo(201);

        // when the three rows run (one batch)
        ImportJobs.JobView job = runAsAdministrator(plan);

        // then row 2 failed with the rule that refused its meter and none of its steps is stored; rows 1 and 3 are done
        assertThat(job.failed()).as(job.toString()).isEqualTo(1);
        assertThat(job.done()).as(job.toString()).isEqualTo(2);
        ImportJobs.RowOutcome failed = job.rows().stream().filter(r -> r.outcome().equals("FAILED")).findFirst()
                .orElseThrow();
        assertThat(failed.row()).isEqualTo(3);
        assertThat(failed.steps()).as("a failed row is rolled back whole").isEmpty();
        assertThat(failed.rule()).isEqualTo("id-taken");
        assertThat(job.rows().stream().filter(r -> r.outcome().equals("DONE")).findFirst().orElseThrow().steps())
                .contains(ImportPlan.Step.CREATE_UNIT, ImportPlan.Step.OPEN_ACCOUNT,
                        ImportPlan.Step.CREDIT_OPENING_BALANCE, ImportPlan.Step.SET_CONTACT);
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body()).extracting(u -> u.path("unitId").asText())
                .as("the failed row's unit was rolled back with it")
                .containsExactlyInAnyOrder(id + "-u0", id + "-u1", id + "-u3");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(admin.get("/api/accounts/" + id + "-a1").number("balanceMinor")).isEqualTo(5000);
            assertThat(admin.get("/api/accounts/" + id + "-a3").number("balanceMinor")).isEqualTo(5000);
        });
        assertThat(admin.get("/api/accounts/" + id + "-a2").status()).isEqualTo(404);
        assertThat(admin.get("/api/accounts/" + id + "-a3/contact").text("email")).isEqualTo("cy@example.test");
    }

    @Test
    void aJobAndEveryRowsOutcomeAreStoredSoAnyNodeShowsThemAfterARestart() throws IOException {
        // given a file of three rows, one of them refused by the dry run
        String csv = HEADER
                + row("u1", "m1", "a1", tariff, "100", "5000", "Ann", "ann@example.test", "")
                + row("u2", "m2", "a2", tariff, "100", "0", "", "", "")
                + row("u3", "m3", "a3", "no-such-tariff", "100", "0", "", "", "");

        // when it runs to the end
        JsonNode job = runToTheEnd(csv.getBytes(StandardCharsets.UTF_8));

        // then the job and each row's outcome are rows of the database, not of this node's memory
        String jobId = job.path("jobId").asText();
        assertThat(OwnerJdbc.client().sql("select status, total from import_job where job_id = ?").param(jobId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2)).single()).isEqualTo("FINISHED 3");
        assertThat(OwnerJdbc.client().sql("select row_no || ' ' || outcome from import_job_row where job_id = ? "
                + "order by row_no").param(jobId).query(String.class).list())
                .containsExactly("2 DONE", "3 DONE", "4 REFUSED");
        assertThat(job.path("rows").get(0).path("steps").toString()).contains("CREATE_UNIT", "SET_CONTACT");
        assertThat(OwnerJdbc.client().sql("select count(*) from import_job_row where job_id = ? and detail like ?")
                .params(jobId, "%ann@%").query(Long.class).single()).as("no occupant's contact kept").isZero();
        assertThat(as(TENANT_B).get("/api/imports/" + jobId).status()).as("another tenant's job is unknown")
                .isEqualTo(404);
    }

    @Test
    void aJobWhoseNodeStoppedShowsAsInterruptedAndRunningTheFileAgainFinishesOnlyTheRest() throws IOException {
        // given rows 2 and 3 of a four-row file were imported, and then the node running the job stopped: its job
        // holds their outcomes and its heartbeat is two minutes old
        String first = HEADER
                + row("u1", "m1", "a1", tariff, "100", "5000", "Ann", "ann@example.test", "")
                + row("u2", "m2", "a2", tariff, "100", "700", "", "", "");
        String whole = first
                + row("u3", "m3", "a3", tariff, "100", "300", "Cy", "cy@example.test", "")
                + row("u4", "m4", "a4", tariff, "100", "0", "", "", "");
        JsonNode done = runToTheEnd(first.getBytes(StandardCharsets.UTF_8));
        assertThat(done.path("done").asInt()).as(done.toString()).isEqualTo(2);
        String stopped = "stopped-" + id;
        TenantId tenant = new TenantId(TENANT_A);
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        com.meterledger.edge.tenancy.TenantContext.callAs(tenant, () -> {
            new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
                store.begin(tenant, stopped, "f".repeat(64), 4, "import-test-admin", twoMinutesAgo);
                store.record(tenant, stopped, done.path("rows").findValuesAsText("row").stream()
                        .map(r -> new ImportJobs.RowOutcome(Integer.parseInt(r), null, "DONE", List.of(), null, null))
                        .toList(), twoMinutesAgo);
            });
            return null;
        });

        // when any node is asked for it
        JsonNode interrupted = admin.get("/api/imports/" + stopped).body();

        // then it is interrupted, with the outcomes it committed
        assertThat(interrupted.path("status").asText()).as(interrupted.toString()).isEqualTo("INTERRUPTED");
        assertThat(interrupted.path("processed").asInt()).isEqualTo(2);
        assertThat(interrupted.path("total").asInt()).isEqualTo(4);

        // and when the whole file runs again, the rows already done are unchanged and only the rest is carried out
        JsonNode rerun = runToTheEnd(whole.getBytes(StandardCharsets.UTF_8));

        assertThat(rerun.path("unchanged").asInt()).as(rerun.toString()).isEqualTo(2);
        assertThat(rerun.path("done").asInt()).as(rerun.toString()).isEqualTo(2);
        assertThat(rerun.path("failed").asInt()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(admin.get("/api/accounts/" + id + "-a1").number("balanceMinor")).as("credited once")
                    .isEqualTo(5000);
            assertThat(admin.get("/api/accounts/" + id + "-a2").number("balanceMinor")).isEqualTo(700);
            assertThat(admin.get("/api/accounts/" + id + "-a3").number("balanceMinor")).isEqualTo(300);
        });
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body()).hasSize(4);
    }

    /**
     * A refused row's rule is worded in the reader's language with the figures its English names: the duplicate id,
     * the unknown tariff. The figures are kept with the row's outcome; the API keeps the English detail and the code.
     */
    @Test
    void aChineseReadersJobPageWordsEachRefusedRowInChineseWithTheIdsItNames() throws IOException {
        String csv = HEADER
                + row("u1", "m1", "a1", tariff, "100", "0", "", "", "")
                + row("u1", "m2", "a2", tariff, "100", "0", "", "", "")            // duplicate unit
                + row("u3", "m3", "a3", "no-such-tariff", "100", "0", "", "", ""); // unknown tariff
        JsonNode job = runToTheEnd(csv.getBytes(StandardCharsets.UTF_8));
        String jobId = job.path("jobId").asText();
        assertThat(job.path("rows").get(1).path("detail").asText()).as(job.toString())
                .isEqualTo("unit: unit " + id + "-u1 appears in an earlier row");
        assertThat(job.path("rows").get(1).path("figures").toString()).isEqualTo("[\"" + id + "-u1\"]");
        assertThat(OwnerJdbc.client().sql("select figures::text from import_job_row where job_id = ? and row_no = 4")
                .param(jobId).query(String.class).single()).isEqualTo("[\"no-such-tariff\"]");

        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        UiSession.Page english = landlord.get("/ui/imports/jobs/" + jobId);
        assertThat(landlord.get("/ui/imports?lang=zh-CN").status()).isEqualTo(200);
        UiSession.Page chinese = landlord.get("/ui/imports/jobs/" + jobId);

        assertThat(english.body()).contains("unit " + id + "-u1 appears in an earlier row")
                .contains("tariff no-such-tariff is not one of yours; create and publish it first");
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.body()).contains(id + "-u1 已在前面的行中出现。")
                .contains("电价 no-such-tariff 不属于您；请先创建并发布。")
                .doesNotContain("appears in an earlier row").doesNotContain("is not one of yours");
    }

    /** The job's workers take the starter's security context, as they would from a request. */
    private ImportJobs.JobView runAsAdministrator(ImportPlan plan) {
        Jwt token = Jwt.withTokenValue("test").header("alg", "none").subject("import-test-admin")
                .claim(Caller.TENANT_CLAIM, TENANT_A).claim(Caller.NAME_CLAIM, "Import test")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(1))).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token,
                List.of(new SimpleGrantedAuthority("ROLE_TENANT_ADMIN"))));
        try {
            String jobId = jobs.start(new TenantId(TENANT_A), plan);
            return await().atMost(Duration.ofSeconds(60)).until(
                    () -> jobs.view(new TenantId(TENANT_A), jobId).orElseThrow(),
                    view -> view.status() == ImportJobs.Status.FINISHED);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private JsonNode runToTheEnd(byte[] file) throws IOException {
        JsonNode started = multipart("/api/imports", file, "units.csv");
        String jobId = started.path("jobId").asText();
        assertThat(jobId).as(started.toString()).isNotBlank();
        return await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/imports/" + jobId).body(),
                job -> job.path("status").asText().equals("FINISHED"));
    }

    private String row(String unit, String meter, String account, String tariffId, String register, String balance,
                       String name, String email, String phone) {
        return String.join(",", property, id + "-" + unit, "Flat " + unit, id + "-" + meter, "ELECTRICITY",
                "SN-" + id + meter, id + "-" + account, "EUR", tariffId, "", register, balance,
                name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name, email,
                phone) + "\r\n";
    }

    private static List<String> errorsOf(JsonNode plan) {
        List<String> errors = new ArrayList<>();
        plan.path("rows").forEach(row -> row.path("errors").forEach(error -> errors.add(
                error.path("row").asInt() + " " + error.path("column").asText() + " " + error.path("rule").asText())));
        return errors;
    }

    private JsonNode multipart(String path, byte[] file, String name) throws IOException {
        JsonNode answer = multipartAnswer(path, file, name);
        assertThat(answer.has("status") && answer.path("status").asInt() >= 400).as(answer.toString()).isFalse();
        return answer;
    }

    private JsonNode multipartAnswer(String path, byte[] file, String name) throws IOException {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        String body = RestClient.create("http://localhost:" + port).post().uri(path)
                .headers(headers -> headers.setBearerAuth(TestTokens.adminOf(TENANT_A, port)))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts.build())
                .exchange((request, response) -> new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
        return JSON.readTree(body);
    }
}
