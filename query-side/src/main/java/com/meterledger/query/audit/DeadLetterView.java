package com.meterledger.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;

import java.time.Instant;
import java.util.regex.Pattern;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * What an operator may see of a dead letter: where it came from and why it is parked, never its payload or any
 * metadata but the tenant. A platform admin reads no tenant's data, and the database's error text can carry row
 * values (PostgreSQL's {@code Detail: Failing row contains (...)}, a JDBC batch entry printed with its parameters),
 * so those parts of the cause's message are withheld too.
 */
public final class DeadLetterView {
    /** Text of a cause's message that holds row values: cut out, the rest of the message kept. */
    private static final Pattern DETAIL = Pattern.compile("(?m)^\\s*Detail:.*$");
    private static final Pattern BATCH_ENTRY = Pattern.compile("(Batch entry \\d+) .*? was aborted", Pattern.DOTALL);
    /** Written by {@link DeadLetterAttempts} into a letter's diagnostics. */
    static final String ATTEMPTS = "attempts";

    private DeadLetterView() {
    }

    /**
     * One dead letter as operators see it.
     *
     * @param letterId           the queue's own id of the letter
     * @param sequence           the sequence it belongs to (account-projection: the account id); a sequence is
     *                           retried as a whole, in order
     * @param positionInSequence 0 for the letter whose handling failed; a later one waits behind it, unhandled
     * @param aggregateSequence  the event's sequence number in its aggregate; null for an event of no aggregate
     * @param causeType          null for a letter that waits behind an earlier one and was never tried itself
     * @param attempts           failed handlings: the first, then each retry that failed
     */
    public record Letter(String group, String letterId, String sequence, int positionInSequence, String eventType,
                  String eventId, String aggregateType, String aggregateId, Long aggregateSequence, Instant timestamp,
                  String tenantId, String causeType, String causeMessage, int attempts, Instant enqueuedAt,
                  Instant lastTouched) {
    }

    static Letter of(String group, DeadLetter<? extends EventMessage<?>> letter, int positionInSequence) {
        JdbcDeadLetter<?> stored = jdbc(letter);
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Object tenant = event.getMetaData().get(TENANT);
        Cause cause = letter.cause().orElse(null);
        return new Letter(group, stored.getIdentifier(), stored.getSequenceIdentifier(), positionInSequence,
                event.getPayloadType().getName(), event.getIdentifier(),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), event.getTimestamp(),
                tenant instanceof String value ? value : null,
                cause == null ? null : cause.type(), cause == null ? null : withoutRowValues(cause.message()),
                attempts(letter), letter.enqueuedAt(), letter.lastTouched());
    }

    static String letterId(DeadLetter<?> letter) {
        return jdbc(letter).getIdentifier();
    }

    static String sequenceOf(DeadLetter<?> letter) {
        return jdbc(letter).getSequenceIdentifier();
    }

    /** Failed handlings so far, as {@link DeadLetterAttempts} counts them (0 for a letter never tried itself). */
    static int attempts(DeadLetter<?> letter) {
        return letter.diagnostics().get(ATTEMPTS) instanceof Number count ? count.intValue() : 0;
    }

    /** The message without the parts that print a row's or a statement's values. */
    static String withoutRowValues(String message) {
        if (message == null) {
            return null;
        }
        String kept = DETAIL.matcher(message).replaceAll("  Detail: (row values withheld)");
        return BATCH_ENTRY.matcher(kept).replaceAll("$1 (statement and values withheld) was aborted");
    }

    /**
     * Letter ids and sequences are the JDBC queue's (Axon's auto-configuration builds it over the schema that
     * AxonStoreConfiguration declares); another queue's letters have neither, a configuration error, not an operator's.
     */
    private static JdbcDeadLetter<?> jdbc(DeadLetter<?> letter) {
        if (letter instanceof JdbcDeadLetter<?> stored) {
            return stored;
        }
        throw new IllegalStateException("dead letters are expected in Axon's JDBC queue, not " + letter.getClass());
    }
}
