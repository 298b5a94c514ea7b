package com.meterledger.app.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.tenant.TenantRetention;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purge after retention, with a clock: a closed tenant's record (its events, read models, registry, payments' and
 * gateways' rows) stays while its {@code retain_until} has not passed, and goes once it has, from every table with a
 * {@code tenant_id} and from the event store; only its own stream and its directory row stay, as a tombstone. Another
 * tenant's record is untouched, and a second run purges nothing. The tenant signs up through the front door.
 */
class TenantPurgeTest extends IntegrationTest {
    private static final String TENANT = "purge-p";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    TenantRetention retention;
    @Autowired
    SearchAccess search;
    @Autowired
    DeadlineManager deadlines;

    @Test
    void aClosedTenantsRecordIsKeptUntilItsRetentionEndsAndThenPurgedFromEveryTableButItsTombstone() {
        // given another tenant with an occupant, and a closed tenant that had a gateway and an occupant with a
        // contact, a top-up and a charged reading
        Premises.moveIn(as(TENANT_A), "pk" + java.util.UUID.randomUUID().toString().substring(0, 6), "10",
                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), "1");
        SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", TENANT);
        Api admin = client("purge-p-admin");
        Instant openedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, "p1", "100", openedAt, "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-p1").status() == 200);
        assertThat(admin.post("/api/gateways", """
                {"gatewayId":"gw-p1","propertyId":"p-p1","name":"Roof"}""").status()).isEqualTo(201);
        assertThat(admin.post("/api/accounts/a-p1/top-ups", """
                {"amountMinor":3000,"currency":"EUR","reference":"seed-p1"}""").status()).isEqualTo(201);
        assertThat(admin.put("/api/accounts/a-p1/contact", """
                {"name":"Chen Jing","email":"chen.jing@example.cn","phone":"+8613900139000","channels":["EMAIL"]}""")
                .status()).isIn(200, 204);
        assertThat(admin.post("/api/meters/m-p1/readings", """
                {"readAt":"%s","registerValue":"1005"}""".formatted(Instant.now().minusSeconds(60)
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.get("/api/accounts/a-p1").number("balanceMinor")).isEqualTo(2500));
        // and a machine client of its own in the issuer, a pending deadline and a dead letter of it, and its
        // consumption and audit trail in the search cluster
        Api.Response machine = admin.post("/api/tenant/clients", """
                {"name":"Meter reader","kind":"API","roles":["AUDITOR"]}""");
        assertThat(machine.status()).as(machine.body().toString()).isEqualTo(201);
        String machineClient = machine.text("clientId");
        deadlines.schedule(Instant.now().plus(Duration.ofDays(30)), "purge-test",
                GenericEventMessage.asEventMessage("a deadline of the purged tenant")
                        .andMetaData(Map.of("tenantId", TENANT)), new AggregateScopeDescriptor("Tenant", TENANT));
        OwnerJdbc.client().sql("""
                        insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier,
                            sequence_index, message_type, event_identifier, time_stamp, payload_type, payload,
                            meta_data, enqueued_at, last_touched)
                        values (?, 'purge-test', 'a-p1', 0, 'org.axonframework.eventhandling.GenericEventMessage',
                            ?, ?, 'java.lang.String', convert_to('"parked"', 'UTF8'), convert_to(?, 'UTF8'), ?, ?)""")
                .params(java.util.UUID.randomUUID().toString(), java.util.UUID.randomUUID().toString(),
                        Instant.now().toString(), "{\"tenantId\":\"" + TENANT + "\"}", Instant.now().toString(),
                        Instant.now().toString()).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            search.refresh();
            assertThat(searchDocuments(SearchIndex.CONSUMPTION)).isPositive();
            assertThat(searchDocuments(SearchIndex.AUDIT)).isGreaterThan(auditOfItsOwnStream());
        });
        Api.Response closed = admin.post("/api/tenant/closure",
                "{\"confirmTenantId\":\"" + TENANT + "\",\"reason\":\"we leave the platform\"}");
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        Instant retainUntil = OwnerJdbc.client().sql("select retain_until from tenant where tenant_id = ?")
                .param(TENANT).query(Instant.class).single();
        assertThat(rowsOf(TENANT)).containsKeys("account_view", "account_ledger_line", "property", "unit",
                "meter_gateway");
        assertThat(leftovers(machineClient)).containsKeys("oauth2_registered_client", "oauth2_authorization",
                "scheduled_tasks", "dead_letter_entry");

        // when the retention job runs today and a second before the retention ends
        List<TenantId> today = retention.purgeDue(Clock.systemUTC());
        List<TenantId> justBefore = retention.purgeDue(Clock.fixed(retainUntil.minusSeconds(1), ZoneOffset.UTC));

        // then nothing of it is purged: its money's record is still there
        assertThat(today).doesNotContain(new TenantId(TENANT));
        assertThat(justBefore).doesNotContain(new TenantId(TENANT));
        assertThat(rowsOf(TENANT)).containsKeys("account_view", "account_ledger_line");
        assertThat(eventsOf(TENANT)).isGreaterThan(eventsOfItsOwnStream());

        // when it runs once the retention has ended
        List<TenantId> after = retention.purgeDue(Clock.fixed(retainUntil.plusSeconds(1), ZoneOffset.UTC));

        // then the tenant is purged from every table but its directory row, and from the event store but its stream
        assertThat(after).contains(new TenantId(TENANT));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rowsOf(TENANT)).as("tables still holding rows of the purged tenant")
                        .containsOnlyKeys("tenant"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventsOf(TENANT)).isEqualTo(eventsOfItsOwnStream()));
        // and from the issuer (its clients and their authorizations), Axon's deadlines and dead letters, and the
        // search cluster, but the audit trail of its own stream, which the event store keeps too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(leftovers(machineClient)).as("issuer, deadline and dead-letter rows of the purged tenant")
                        .isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            search.refresh();
            assertThat(searchDocuments(SearchIndex.CONSUMPTION)).isZero();
            assertThat(searchDocuments(SearchIndex.AUDIT)).isEqualTo(auditOfItsOwnStream());
        });
        assertThat(OwnerJdbc.client().sql("""
                        select organisation_name from tenant where tenant_id = ? and purged_at is not null""")
                .param(TENANT).query(String.class).single()).isEqualTo(TENANT);
        assertThat(OwnerJdbc.client().sql("""
                        select convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' from domain_event_entry
                        where aggregate_identifier = ? and payload_type like '%TenantRecordPurged'""")
                .param(TENANT).query(String.class).list()).containsExactly("platform-retention");

        // and another tenant's record is untouched, and a second run purges nothing
        assertThat(rowsOf(TENANT_A)).containsKeys("account_view", "property", "unit");
        assertThat(eventsOf(TENANT_A)).isPositive();
        assertThat(retention.purgeDue(Clock.fixed(retainUntil.plus(Duration.ofDays(1)), ZoneOffset.UTC)))
                .doesNotContain(new TenantId(TENANT));
    }

    /** The tenant's rows in every base table with a tenant_id column, by table (tables with none left out). */
    private static Map<String, Long> rowsOf(String tenant) {
        List<String> tables = OwnerJdbc.client().sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema
                             and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
                        where c.table_schema = current_schema() and c.column_name = 'tenant_id'
                        order by 1""").query(String.class).list();
        Map<String, Long> rows = new TreeMap<>();
        for (String table : tables) {
            long count = OwnerJdbc.client().sql("select count(*) from " + table + " where tenant_id = ?")
                    .param(tenant).query(Long.class).single();
            if (count > 0) {
                rows.put(table, count);
            }
        }
        return rows;
    }

    /**
     * The tenant's rows in tables without a tenant_id column, by table: its clients in the issuer's client table
     * (their settings name the tenant), the authorizations issued to its admin client and its machine client, its
     * pending deadlines (db-scheduler's Axon deadlines, the test's own named {@code purge-test}) and dead letters.
     */
    private static Map<String, Long> leftovers(String machineClient) {
        Map<String, Long> rows = new TreeMap<>();
        count(rows, "oauth2_registered_client", """
                select count(*) from oauth2_registered_client
                where client_settings::jsonb ->> 'meterledger.tenant' = ? or client_id = ?""", TENANT, machineClient);
        count(rows, "oauth2_authorization", """
                select count(*) from oauth2_authorization where registered_client_id in (?, ?)""",
                TENANT + "-admin", machineClient);
        count(rows, "scheduled_tasks", """
                select count(*) from scheduled_tasks where position(convert_to(?, 'UTF8') in task_data) > 0""",
                "purge-test", null);
        count(rows, "dead_letter_entry", """
                select count(*) from dead_letter_entry
                where convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ? or sequence_identifier = ?""",
                TENANT, "a-p1");
        return rows;
    }

    private static void count(Map<String, Long> rows, String table, String sql, String first, String second) {
        long count = second == null
                ? OwnerJdbc.client().sql(sql).param(first).query(Long.class).single()
                : OwnerJdbc.client().sql(sql).params(first, second).query(Long.class).single();
        if (count > 0) {
            rows.put(table, count);
        }
    }

    private long searchDocuments(SearchIndex index) {
        return search.count(new TenantId(TENANT), index, Query.of(q -> q.matchAll(m -> m)));
    }

    private long auditOfItsOwnStream() {
        return search.count(new TenantId(TENANT), SearchIndex.AUDIT,
                Query.of(q -> q.term(t -> t.field("aggregate_id").value(TENANT))));
    }

    private static long eventsOf(String tenant) {
        return OwnerJdbc.client().sql("""
                        select count(*) from domain_event_entry
                        where convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?""")
                .param(tenant).query(Long.class).single();
    }

    private static long eventsOfItsOwnStream() {
        return OwnerJdbc.client().sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                .param(TENANT).query(Long.class).single();
    }

    private Api client(String clientId) {
        return new Api("http://localhost:" + port, TestTokens.clientCredentials(port, clientId, "test-secret"));
    }
}
