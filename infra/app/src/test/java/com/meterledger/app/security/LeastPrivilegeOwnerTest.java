package com.meterledger.app.security;

import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production runs its migrations as a schema owner that is not a superuser: {@code LOGIN CREATEROLE}, owning the
 * database, nothing more (README, "Production"). Issue 19: with such an owner the application started once, and every
 * later start (a second node, or the first restarting) failed in {@code afterMigrate__meterledger_security.sql} with
 * "must be superuser to alter superuser roles", because it re-stated NOSUPERUSER and NOBYPASSRLS on the existing
 * runtime role. Here Flyway runs as the application's own customizer sets it up, on a fresh database of such an owner.
 */
class LeastPrivilegeOwnerTest {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String owner = "ml_owner_" + suffix;
    private final String database = "ml_least_" + suffix;
    private final String runtime = "ml_runtime_" + suffix;

    @Test
    void anOwnerWithOnlyCreateRoleMigratesAgainOnEveryStartAndKeepsTheRuntimePasswordInStep() throws SQLException {
        // given a database owned by a role that may create roles and nothing else
        PostgresCoordinates admin = TestPostgres.coordinates();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
             Statement sql = connection.createStatement()) {
            sql.execute("create role " + owner + " login createrole nosuperuser nobypassrls password 'owner-pw'");
            sql.execute("create database " + database + " owner " + owner);
        }
        // the same server, the new database, and no user in the URL (the embedded server's URL names its superuser)
        String url = admin.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/).*$", "$1" + database);

        // when the application starts (first node), starts again (second node) and again with a rotated password
        migrate(url, "runtime-pw-1");
        migrate(url, "runtime-pw-1");
        migrate(url, "runtime-pw-2");

        // then the runtime role is as the first start made it, owns nothing, and logs in with the current password
        try (Connection connection = DriverManager.getConnection(url, runtime, "runtime-pw-2");
             Statement sql = connection.createStatement();
             ResultSet role = sql.executeQuery("select rolsuper, rolbypassrls, rolcreaterole, rolcanlogin "
                     + "from pg_roles where rolname = current_user")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean(1)).as("superuser").isFalse();
            assertThat(role.getBoolean(2)).as("bypassrls").isFalse();
            assertThat(role.getBoolean(3)).as("createrole").isFalse();
            assertThat(role.getBoolean(4)).as("login").isTrue();
        }
        try (Connection owned = DriverManager.getConnection(url, owner, "owner-pw");
             Statement sql = owned.createStatement();
             ResultSet history = sql.executeQuery("select count(*) from flyway_schema_history where not success")) {
            history.next();
            assertThat(history.getLong(1)).isZero();
        }
    }

    @AfterEach
    void dropTheDatabaseAndItsRoles() throws SQLException {
        PostgresCoordinates admin = TestPostgres.coordinates();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
             Statement sql = connection.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("drop role if exists " + runtime);
            sql.execute("drop role if exists " + owner);
        }
    }

    private void migrate(String url, String runtimePassword) {
        Flyway.configure().dataSource(url, owner, "owner-pw").locations("classpath:db/migration")
                .placeholders(Map.of("meterledger_runtime_user", runtime,
                        "meterledger_runtime_password", runtimePassword,
                        "meterledger_manage_runtime_role", "true"))
                .load().migrate();
    }
}
