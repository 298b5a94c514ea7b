package com.meterledger.edge.tenancy;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The one place that tells PostgreSQL whose rows a transaction may see: it sets {@code app.tenant_id}, which every
 * row-level security policy compares a row's {@code tenant_id} with. Always transaction-locally
 * ({@code set_config(..., true)}): the setting ends with the transaction and never reaches the next borrower of a
 * pooled connection. Two moments call it: a transaction beginning ({@link #begin}, from the application's transaction
 * manager, with {@link TenantContext#current()}), and a running transaction moving on to another tenant's work
 * ({@link #switchTo}: an event processor's batch holds many tenants' events, and a projection's collected rows are
 * sent per tenant). Kept in one class so that a reader can see there is no other ({@code OneTenantSettingTest} keeps it so).
 */
public final class TenantSession {
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?, true)";

    private TenantSession() {
    }

    /** Sets the tenant on the connection of a transaction that is beginning, before any statement of its work. */
    public static void begin(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SET_TENANT)) {
            statement.setString(1, tenant);
            statement.execute();
        }
    }

    /**
     * Sets the tenant of the transaction running on {@code jdbc}'s data source; the empty string is no tenant (its
     * tables look empty and refuse inserts).
     */
    public static void switchTo(JdbcTemplate jdbc, String tenant) {
        jdbc.queryForObject(SET_TENANT, String.class, tenant);
    }
}
