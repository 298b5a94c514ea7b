package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the build when a table with a {@code tenant_id} column is not under forced row-level security with a policy
 * on {@code app.tenant_id}, whoever added it and however. Axon's shared tables must stay outside RLS.
 */
class TenantTableGuardTest extends IntegrationTest {

    @Test
    void everyTableWithATenantColumnIsUnderForcedRowLevelSecurity() throws Exception {
        List<String> tenantTables = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        try (Connection connection = Owner.connect(); ResultSet rs = connection.createStatement().executeQuery("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       exists (select 1 from pg_policy p where p.polrelid = c.oid
                               and pg_get_expr(p.polqual, p.polrelid) like '%app.tenant_id%'
                               and pg_get_expr(p.polwithcheck, p.polrelid) like '%app.tenant_id%') as policy,
                       pg_get_userbyid(c.relowner) as owner
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p')
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                              and not a.attisdropped)
                order by 1""")) {
            while (rs.next()) {
                String table = rs.getString(1);
                tenantTables.add(table);
                if (!rs.getBoolean(2) || !rs.getBoolean(3) || !rs.getBoolean(4)
                        || "meterledger_app".equals(rs.getString(5))) {
                    unguarded.add(table);
                }
            }
        }
        assertThat(tenantTables).contains("property", "unit", "account_view", "account_ledger_line", "tariff_view",
                "tariff_version_view");
        assertThat(unguarded).as("tenant tables without FORCE ROW LEVEL SECURITY and an app.tenant_id policy")
                .isEmpty();
    }

    @Test
    void axonsOwnTablesStayOutsideRowLevelSecurity() throws Exception {
        try (Connection connection = Owner.connect(); ResultSet rs = connection.createStatement().executeQuery("""
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relrowsecurity
                  and c.relname in ('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'saga_entry',
                                    'association_value_entry', 'dead_letter_entry')""")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
