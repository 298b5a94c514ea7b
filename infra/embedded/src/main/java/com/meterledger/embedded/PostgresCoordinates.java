package com.meterledger.embedded;

/** Where a PostgreSQL server answers and as whom to connect. */
public record PostgresCoordinates(String jdbcUrl, String username, String password) {
}
