package com.meterledger.app.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon's event store that an append lost on a unique key: PostgreSQL's SQL state {@code 23505}, found anywhere
 * in the cause chain (the JDBC driver reports a batch insert's failure as a batch exception that carries the
 * statement's state, and the statement's own exception as its next one).
 * <p>
 * The event store's only such key is {@code (aggregate_identifier, sequence_number)}, which holds across tenants: an
 * aggregate id is one name space in the store. With this resolver Axon answers the first event of a stream whose id
 * exists with an {@code AggregateStreamCreationException} (and a later one with a {@code ConcurrencyException}), which
 * the web edge turns into one answer, the same whichever tenant holds the id (see SECURITY.md, "Ids are scoped by
 * tenant"). Axon's default resolver reads vendor error codes, which PostgreSQL leaves at 0, so every clash was an
 * {@code EventStoreException} and answered 500.
 */
public final class EventStoreClashes implements PersistenceExceptionResolver {
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && uniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean uniqueViolation(SQLException exception) {
        for (SQLException next = exception; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
