package com.meterledger.app.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Axon's JDBC engine, judging a lost append by the stream that lost rather than by the unit of work's first event.
 * Axon calls an append that breaks the (aggregate, sequence) key an {@link AggregateStreamCreationException} when the
 * first event of the whole append starts a stream, else a {@code ConcurrencyException}. A unit of work that appends to
 * several aggregates (an import row: the unit on its property's record, then a new meter and account) is then
 * misjudged whenever the first event belongs to a stream that already had events: a meter id taken by someone else read
 * as a lost race on the property's record. PostgreSQL names the key that clashed ({@code Key (aggregate_identifier,
 * sequence_number)=(m-2, 0) already exists}); a clash on sequence 0 is an id taken, whichever event came first. When
 * the key cannot be read, Axon's own judgement stands.
 */
public class StreamClashJudge extends JdbcEventStorageEngine {
    private static final Pattern CLASHING_KEY = Pattern.compile(
            "Key \\(aggregate_identifier, sequence_number\\)=\\((.+), (\\d+)\\) already exists");

    public StreamClashJudge(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected void handlePersistenceException(Exception exception, EventMessage<?> failedEvent) {
        String stream = streamCreatedTwice(exception);
        if (stream != null) {
            throw new AggregateStreamCreationException("an aggregate with id " + stream + " already exists",
                    exception);
        }
        super.handlePersistenceException(exception, failedEvent);
    }

    /** The id of the stream whose first event clashed, as the database names it; null when none or unreadable. */
    static String streamCreatedTwice(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Throwable next = cause; next != null;
                 next = next instanceof SQLException sql ? sql.getNextException() : null) {
                Matcher key = CLASHING_KEY.matcher(String.valueOf(next.getMessage()));
                if (key.find() && Long.parseLong(key.group(2)) == 0) {
                    return key.group(1);
                }
            }
        }
        return null;
    }
}
