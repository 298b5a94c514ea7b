package com.meterledger.app.security;

import com.meterledger.app.support.OwnerJdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A plain connection as the schema owner (the migration login), which row-level security does not bind here. */
final class Owner {
    private Owner() {
    }

    static Connection connect() throws SQLException {
        return OwnerJdbc.connect();
    }

    static void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
