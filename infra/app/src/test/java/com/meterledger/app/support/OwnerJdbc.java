package com.meterledger.app.support;

import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * SQL as the tables' owner, outside row-level security: for tests that assert what is stored, whatever tenant it
 * belongs to. The application itself never connects like this.
 */
public final class OwnerJdbc {
    private OwnerJdbc() {
    }

    public static Connection connect() throws SQLException {
        PostgresCoordinates postgres = TestPostgres.coordinates();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    public static JdbcClient client() {
        PostgresCoordinates postgres = TestPostgres.coordinates();
        return JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password()));
    }
}
