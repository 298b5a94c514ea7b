package com.meterledger.perf;

import com.meterledger.embedded.PostgresCoordinates;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's own account of the statements run during a measured phase (pg_stat_statements), for finding where the
 * database's share of the CPU goes. The embedded server loads the module only when started with the system property
 * {@value #PROPERTY} set to true.
 */
public final class PgStatements {
    public static final String PROPERTY = "meterledger.postgres.stat-statements";
    private final PostgresCoordinates db;

    private PgStatements(PostgresCoordinates db) {
        this.db = db;
    }

    /** Whether the embedded server of this run loads the module (the system property is set). */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Forgets what was counted so far. */
    public static PgStatements start(PostgresCoordinates db) throws SQLException {
        try (Connection connection = Sql.connect(db); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        }
        return new PgStatements(db);
    }

    /** The {@code top} statements by total execution time, each per unit of work. */
    public void print(PrintStream out, int top, long units, String unitName) throws SQLException {
        out.printf(Locale.ROOT, "PostgreSQL statements by execution time (per %s: calls, ms; then rows per call):%n",
                unitName);
        try (Connection connection = Sql.connect(db); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                     from pg_stat_statements order by total_exec_time desc
                     """ + "limit " + top)) {
            while (rows.next()) {
                long calls = rows.getLong(1);
                String query = rows.getString(4);
                out.printf(Locale.ROOT, "  %7.3f %8.4f %6.1f  %s%n", (double) calls / units,
                        rows.getDouble(2) / units, calls == 0 ? 0.0 : (double) rows.getLong(3) / calls,
                        query.length() > 150 ? query.substring(0, 150) + "…" : query);
            }
        }
    }
}
