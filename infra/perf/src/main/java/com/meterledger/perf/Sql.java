package com.meterledger.perf;

import com.meterledger.embedded.PostgresCoordinates;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for the benchmarks' own checks and baselines, beside (never through) the application. */
public final class Sql {
    private Sql() {
    }

    public static Connection connect(PostgresCoordinates db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    public static long scalar(PostgresCoordinates db, String sql) throws SQLException {
        try (Connection connection = connect(db); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    public static String text(PostgresCoordinates db, String sql) throws SQLException {
        try (Connection connection = connect(db); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
