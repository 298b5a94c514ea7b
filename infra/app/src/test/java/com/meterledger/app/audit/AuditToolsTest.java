package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.meterledger.app.audit.AccountDriver.mark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Auditor tools on the real application and PostgreSQL: point-in-time balances replayed from the event store against
 * a hand computation, reconciliation that finds a corrupted projection row, and a projection rebuild through the API
 * that ends equal to the live projection.
 */
class AuditToolsTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

    /** Direct SQL as the tables' owner: corrupting and comparing rows is beyond any tenant's row-level security. */
    private final JdbcClient jdbc = OwnerJdbc.client();

    @Test
    void thePointInTimeBalanceIsReplayedFromTheEventsAndEqualsAHandComputation() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Oak Court").moveIn("-1", "Flat 1");
        Instant opened = mark();                    // balance 0
        a.topUp(3_000, "cash-1");
        Instant afterTopUp = mark();                // 3000
        a.read("5");                                // 5 kWh x 100 = 500 -> 2500
        Instant afterFirstCharge = mark();          // 2500
        a.read("11");                               // 600 -> 1900 (first warning: not money)
        Instant afterSecondCharge = mark();         // 1900
        a.topUp(1_000, "cash-2");                   // 2900
        a.refund(250, "overpaid");                  // 2650
        Instant end = mark();

        assertBalance(a, MOVE_IN.minus(Duration.ofDays(1)), 0, 0, 0);
        assertBalance(a, opened, 0, 1, 0);
        assertBalance(a, afterTopUp, 3_000, 2, 1);
        JsonNode charged = assertBalance(a, afterFirstCharge, 2_500, 3, 2);
        assertThat(charged.get("lastSequence").asLong()).isEqualTo(2);
        assertThat(charged.get("creditsMinor").asLong()).isEqualTo(3_000);
        assertThat(charged.get("debitsMinor").asLong()).isEqualTo(500);
        assertThat(charged.get("eventsByType").get("ConsumptionCharged").asInt()).isEqualTo(1);
        assertBalance(a, afterSecondCharge, 1_900, 5, 3);    // the warning event is read but moves no money
        JsonNode last = assertBalance(a, end, 2_650, 7, 5);
        assertThat(last.get("balanceAfterMismatches").asInt()).isZero();
        assertThat(last.get("explanation").asText()).contains("4000 in", "1350 out", "= 2650", "not a snapshot");

        // the projection's side, once it has caught up: current value, ledger lines, and its own value at each instant
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode projection = a.api.get(balanceUrl(a, end)).body().get("projection");
            assertThat(projection.isNull()).isFalse();
            assertThat(projection.get("currentBalanceMinor").asLong()).isEqualTo(2_650);
            assertThat(projection.get("ledgerLines").asLong()).isEqualTo(5);
        });
        for (Instant at : List.of(afterTopUp, afterFirstCharge, afterSecondCharge, end)) {
            JsonNode answer = a.api.get(balanceUrl(a, at)).body();
            assertThat(answer.get("projection").get("agreesAt").asBoolean()).as("at %s", at).isTrue();
            assertThat(answer.get("projection").get("balanceAtMinor").asLong())
                    .isEqualTo(answer.get("balanceMinor").asLong());
        }
    }

    @Test
    void manualAdjustmentsMoveTheReplayedBalanceWithTheirOwnSign() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Ash Row").moveIn("-1", "Flat 2");
        a.topUp(1_000, "ash-1");
        a.adjust(-150, "duplicate top-up reversed");
        a.adjust(40, "goodwill");
        Instant end = mark();

        JsonNode answer = assertBalance(a, end, 890, 4, 3);

        assertThat(answer.get("balanceAfterMismatches").asInt()).isZero();
        assertThat(answer.get("eventsByType").get("BalanceAdjusted").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode projection = a.api.get(balanceUrl(a, end)).body().get("projection");
            assertThat(projection.isNull()).isFalse();
            assertThat(projection.get("agreesAt").asBoolean()).isTrue();
        });
    }

    @Test
    void otherTenantsUnknownIdsAndBadInstantsAreProblemsNeverData() {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Elm").moveIn("-1", "Shop");
        a.topUp(700, "t-1");
        Api b = as(TENANT_B);

        Api.Response foreign = b.get(balanceUrl(a, Instant.now()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().toString()).doesNotContain("700");
        assertThat(a.api.get(balanceUrl("a-no-such-account", Instant.now())).status()).isEqualTo(404);
        assertThat(a.api.get(balanceUrl(a.meter(), Instant.now())).status()).isEqualTo(404);   // not an account
        assertThat(a.api.get("/api/audit/accounts/%s/balance".formatted(a.account())).status()).isEqualTo(400);
        assertThat(a.api.get("/api/audit/accounts/%s/balance?at=yesterday".formatted(a.account())).status())
                .isEqualTo(400);
        assertThat(anonymous().get(balanceUrl(a, Instant.now())).status()).isEqualTo(401);
        assertThat(b.get("/api/audit/reconciliation").body().toString()).doesNotContain(a.account());
        assertThat(a.api.get("/api/audit/reconciliation?limit=0").status()).isEqualTo(422);
        assertThat(a.api.get("/api/audit/reconciliation?limit=many").status()).isEqualTo(400);
    }

    @Test
    void aStoredBalanceThatDisagreesWithTheReplayIsCountedInEitherHalfOfTheStream() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Elm").moveIn("-1", "Flat 3");
        a.topUp(10_000, "elm-1");                   // sequence 1: 10000
        a.read("1");                                // 2: 9900
        a.read("2");                                // 3: 9800
        a.read("3");                                // 4: 9700
        a.read("4");                                // 5: 9600
        a.read("5");                                // 6: 9500
        Instant end = mark();
        assertThat(assertBalance(a, end, 9_500, 7, 6).get("balanceAfterMismatches").asInt()).isZero();

        // the events as stored say another balance after sequences 2 and 5 (one in each half of the stream read);
        // the store is shared by every test: the events are put back as they were
        Map<Long, byte[]> stored = new HashMap<>();
        for (long sequence : List.of(2L, 5L)) {
            stored.put(sequence, jdbc.sql("select payload from domain_event_entry where aggregate_identifier = ? "
                    + "and sequence_number = ?").params(a.account(), sequence).query(byte[].class).single());
            jdbc.sql("""
                            update domain_event_entry set payload = convert_to(regexp_replace(convert_from(payload, 'UTF8'),
                                '"balanceAfter":\\{"minorUnits":[0-9]+', '"balanceAfter":{"minorUnits":1'), 'UTF8')
                            where aggregate_identifier = ? and sequence_number = ?""")
                    .params(a.account(), sequence).update();
        }
        try {
            JsonNode tampered = assertBalance(a, end, 9_500, 7, 6);     // the replay sums amounts, not stated balances
            assertThat(tampered.get("balanceAfterMismatches").asInt()).isEqualTo(2);
            assertThat(tampered.get("explanation").asText())
                    .contains("2 money events state a different balanceAfter, first at sequence 2");
        } finally {
            stored.forEach((sequence, payload) -> jdbc.sql("update domain_event_entry set payload = ? "
                    + "where aggregate_identifier = ? and sequence_number = ?")
                    .params(payload, a.account(), sequence).update());
        }
        assertThat(assertBalance(a, end, 9_500, 7, 6).get("balanceAfterMismatches").asInt()).isZero();
    }

    @Test
    void reconciliationReportsAProjectionRowThatNoLongerMatchesTheEvents() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Ash").moveIn("-1", "Flat 2");
        a.topUp(2_000, "r-1");
        a.read("3");                                // 300 -> 1700
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(finding(a.api, a.account())).isNull());   // caught up and in agreement

        jdbc.sql("update account_view set balance_minor = balance_minor + 1 where account_id = ?")
                .param(a.account()).update();
        try {
            JsonNode drift = finding(a.api, a.account());
            assertThat(drift).isNotNull();
            assertThat(drift.get("status").asText()).isEqualTo("DRIFT");
            assertThat(drift.get("projectedBalanceMinor").asLong()).isEqualTo(1_701);
            assertThat(drift.get("replayedBalanceMinor").asLong()).isEqualTo(1_700);
            assertThat(drift.get("differences").toString()).contains("balance: projection 1701, replay 1700");
        } finally {
            jdbc.sql("update account_view set balance_minor = balance_minor - 1 where account_id = ?")
                    .param(a.account()).update();
        }

        jdbc.sql("update account_ledger_line set amount_minor = amount_minor - 5 where account_id = ? and sequence_number = 2")
                .param(a.account()).update();
        try {
            JsonNode drift = finding(a.api, a.account());
            assertThat(drift.get("status").asText()).isEqualTo("DRIFT");
            assertThat(drift.get("projectedLedgerSumMinor").asLong()).isEqualTo(1_695);
            assertThat(drift.get("differences").toString()).contains("sum of ledger lines 1695");
        } finally {
            jdbc.sql("update account_ledger_line set amount_minor = amount_minor + 5 where account_id = ? and sequence_number = 2")
                    .param(a.account()).update();
        }

        // a row the projection lost (here: moved out of the tenant's sight) is reported from the store's side
        jdbc.sql("update account_view set tenant_id = 'tenant-lost' where account_id = ?").param(a.account()).update();
        try {
            JsonNode report = a.api.get("/api/audit/reconciliation").body();
            assertThat(report.get("missingFromProjection").toString()).contains(a.account());
        } finally {
            jdbc.sql("update account_view set tenant_id = ? where account_id = ?").params(TENANT_A, a.account()).update();
        }
        assertThat(finding(a.api, a.account())).isNull();
    }

    @Test
    void aRebuildThroughTheApiReportsProgressAndEndsEqualToTheLiveProjection() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Birch").moveIn("-1", "Flat 9");
        a.topUp(5_000, "b-1");
        a.read("7");
        a.read("12");
        a.refund(100, "goodwill, \"sorry\"");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.sql("select count(*) from account_ledger_line where account_id = ?")
                        .param(a.account()).query(Long.class).single()).isEqualTo(4));

        Api platform = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin", "test-secret"));
        String rebuild = "/api/audit/projections/account-projection/rebuild";
        assertThat(a.api.post(rebuild, "{}").status()).isEqualTo(403);        // a tenant admin may not
        assertThat(a.api.get(rebuild + "/status").status()).isEqualTo(403);
        assertThat(platform.post("/api/audit/projections/no-such-projection/rebuild", "{}").status()).isEqualTo(404);

        long head = jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
        Snapshot before = snapshot();

        Api.Response started = platform.post(rebuild, "{}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.text("state")).isIn("REBUILDING", "DONE");
        assertThat(started.body().get("targetPosition").asLong()).isGreaterThanOrEqualTo(head);

        List<Double> percents = new ArrayList<>();
        JsonNode[] last = new JsonNode[1];
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            Api.Response status = platform.get(rebuild + "/status");
            assertThat(status.status()).isEqualTo(200);
            last[0] = status.body();
            percents.add(status.body().get("percent").asDouble());
            Thread.sleep(50);
        } while (!"DONE".equals(last[0].get("state").asText()) && System.nanoTime() < deadline);
        assertThat(last[0].get("state").asText()).as("last status %s", last[0]).isEqualTo("DONE");
        JsonNode done = platform.get(rebuild + "/status").body();
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.get("secondsLeft").asDouble()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(percents).isSorted();

        // Everything the live projection showed is back, row for row. Rows of accounts whose events arrived after the
        // snapshot (deadlines of other tests may fire meanwhile) are left out of the comparison, and so are accounts
        // with a dead-lettered event (PoisonEventTest's): the rebuild parks its poison again, with what follows it.
        Set<String> touched = new java.util.HashSet<>(touchedSince(head));
        touched.addAll(OwnerJdbc.client().sql("select aggregate_identifier from dead_letter_entry where aggregate_identifier"
                + " is not null union select sequence_identifier from dead_letter_entry").query(String.class).list());
        Snapshot after = snapshot();
        assertThat(after.without(touched)).isEqualTo(before.without(touched));
        assertThat(before.views).anyMatch(row -> row.startsWith(a.account() + "|"));
        assertThat(finding(a.api, a.account())).isNull();
    }

    private record Snapshot(List<String> views, List<String> lines, List<String> registers) {
        Snapshot without(Set<String> accounts) {
            return new Snapshot(filter(views, accounts), filter(lines, accounts), filter(registers, accounts));
        }

        private static List<String> filter(List<String> rows, Set<String> accounts) {
            return rows.stream().filter(row -> !accounts.contains(row.substring(0, row.indexOf('|')))).toList();
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(rows("select account_id || '|' || v::text from account_view v order by account_id"),
                rows("select account_id || '|' || l::text from account_ledger_line l order by account_id, sequence_number"),
                rows("select account_id || '|' || r::text from account_register_line r order by account_id, read_at, meter_id"));
    }

    private List<String> rows(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }

    private Set<String> touchedSince(long globalIndex) {
        List<String> aggregates = jdbc.sql("select distinct aggregate_identifier from domain_event_entry where global_index > ?")
                .param(globalIndex).query(String.class).list();
        return jdbc.sql("select account_id, meter_id from account_view").query((rs, row) ->
                        aggregates.contains(rs.getString(1)) || aggregates.contains(rs.getString(2)) ? rs.getString(1) : "")
                .list().stream().filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static JsonNode finding(Api api, String account) {
        Api.Response report = api.get("/api/audit/reconciliation");
        assertThat(report.status()).isEqualTo(200);
        for (JsonNode finding : report.body().get("findings")) {
            if (finding.get("accountId").asText().equals(account)) {
                return finding;
            }
        }
        assertThat(report.body().get("missingFromProjection").toString()).doesNotContain(account);
        return null;
    }

    private JsonNode assertBalance(AccountDriver a, Instant at, long balance, int eventsRead, int eventsApplied) {
        Api.Response answer = a.api.get(balanceUrl(a, at));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.number("balanceMinor")).as("balance at %s", at).isEqualTo(balance);
        assertThat(answer.number("eventsRead")).as("events read at %s", at).isEqualTo(eventsRead);
        assertThat(answer.number("eventsApplied")).as("money events at %s", at).isEqualTo(eventsApplied);
        return answer.body();
    }

    private static String balanceUrl(AccountDriver a, Instant at) {
        return balanceUrl(a.account(), at);
    }

    private static String balanceUrl(String account, Instant at) {
        return "/api/audit/accounts/%s/balance?at=%s".formatted(account, at);
    }
}
