package com.meterledger.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What operators see of a dead letter, how its attempts are counted, and its alert line: where it came from and why,
 * never the payload nor the row values a database error prints.
 */
class DeadLetterViewTest {
    private static final Instant ENQUEUED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant TOUCHED = Instant.parse("2026-03-01T10:05:00Z");
    private static final String BATCH_ERROR = """
            PreparedStatementCallback; uncategorized SQLException for SQL [insert into account_ledger_line (account_id,
                reference) values (?, ?)]; SQL state [P0001]; error code [0]; Batch entry 0 insert into account_ledger_line
                (account_id, reference) values (('a-1'), ('card ending 4242')) was aborted: ERROR: value too long for
                type character varying(500)  Call getNextException to see other errors in the batch.""";

    record Credited(String accountId, String reference) {
    }

    @Test
    void aLetterShowsItsEventsOriginTenantCauseAndAttemptsButNotItsPayload() {
        DeadLetterView.Letter letter = DeadLetterView.of("account-projection", letter(
                new ThrowableCause("org.springframework.jdbc.UncategorizedSQLException", BATCH_ERROR),
                MetaData.with(DeadLetterView.ATTEMPTS, 3)), 0);

        assertThat(letter.letterId()).isEqualTo("letter-1");
        assertThat(letter.sequence()).isEqualTo("a-1");
        assertThat(letter.eventType()).isEqualTo(Credited.class.getName());
        assertThat(letter.aggregateType()).isEqualTo("Account");
        assertThat(letter.aggregateId()).isEqualTo("a-1");
        assertThat(letter.aggregateSequence()).isEqualTo(7);
        assertThat(letter.tenantId()).isEqualTo("tenant-a");
        assertThat(letter.causeType()).isEqualTo("org.springframework.jdbc.UncategorizedSQLException");
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.enqueuedAt()).isEqualTo(ENQUEUED);
        assertThat(letter.lastTouched()).isEqualTo(TOUCHED);
        assertThat(letter.toString()).doesNotContain("card ending 4242", "secret-actor");
        assertThat(letter.causeMessage()).contains("Batch entry 0 (statement and values withheld) was aborted",
                "ERROR: value too long for\n    type character varying(500)");
    }

    @Test
    void aLetterWaitingBehindAnotherHasNoCauseAndNoAttempts() {
        DeadLetterView.Letter letter = DeadLetterView.of("account-projection", letter(null, MetaData.emptyInstance()),
                1);

        assertThat(letter.positionInSequence()).isEqualTo(1);
        assertThat(letter.causeType()).isNull();
        assertThat(letter.causeMessage()).isNull();
        assertThat(letter.attempts()).isZero();
        assertThat(DeadLetterAlerts.line(letter)).contains("position=1",
                "cause=none (waits behind an earlier letter of its sequence)");
    }

    @Test
    void anEventOfNoAggregateHasNoAggregateFields() {
        EventMessage<?> event = GenericEventMessage.asEventMessage(new Credited("a-2", "x"));
        DeadLetterView.Letter letter = DeadLetterView.of("g", new JdbcDeadLetter<>("letter-2", 0, "a-2", ENQUEUED,
                TOUCHED, null, MetaData.emptyInstance(), event), 0);

        assertThat(letter.aggregateId()).isNull();
        assertThat(letter.aggregateSequence()).isNull();
        assertThat(letter.tenantId()).isNull();
    }

    @Test
    void theDatabasesRowDetailIsWithheldAndTheRestOfTheMessageKept() {
        String message = """
                ERROR: new row for relation "account_view" violates check constraint "balance_range"
                  Detail: Failing row contains (a-1, tenant-a, 99999999999).
                  Where: SQL statement""";

        assertThat(DeadLetterView.withoutRowValues(message)).isEqualTo("""
                ERROR: new row for relation "account_view" violates check constraint "balance_range"
                  Detail: (row values withheld)
                  Where: SQL statement""");
        assertThat(DeadLetterView.withoutRowValues(null)).isNull();
    }

    @Test
    void everyFailedHandlingCountsOneAttemptAndTheLetterStaysParked() {
        DeadLetter<EventMessage<?>> fresh = letter(null, MetaData.emptyInstance());
        RuntimeException failure = new IllegalStateException("refused");

        EnqueueDecision<EventMessage<?>> first = DeadLetterAttempts.decide(fresh, failure);
        DeadLetter<? extends EventMessage<?>> parked = first.withDiagnostics(fresh);
        EnqueueDecision<EventMessage<?>> again = DeadLetterAttempts.decide(parked, failure);

        assertThat(first.shouldEnqueue()).isTrue();
        assertThat(first.enqueueCause()).contains(failure);
        assertThat(DeadLetterView.attempts(parked)).isEqualTo(1);
        assertThat(DeadLetterView.attempts(again.withDiagnostics(parked))).isEqualTo(2);
    }

    @Test
    void theAlertLineIsOneLineThatNamesTheLetterItsAccountAndTenant() {
        DeadLetterView.Letter letter = DeadLetterView.of("account-projection", letter(
                new ThrowableCause("org.springframework.jdbc.UncategorizedSQLException", BATCH_ERROR),
                MetaData.with(DeadLetterView.ATTEMPTS, 1)), 0);

        String line = DeadLetterAlerts.line(letter);

        assertThat(line).doesNotContain("\n").doesNotContain("card ending 4242");
        assertThat(line).contains("group=account-projection", "letter=letter-1", "event=" + Credited.class.getName(),
                "aggregate=a-1", "aggregateSequence=7", "tenant=tenant-a",
                "cause=org.springframework.jdbc.UncategorizedSQLException: PreparedStatementCallback;",
                "ERROR: value too long for type character varying(500)");
    }

    @Test
    void lettersOfAnotherQueueThanAxonsJdbcQueueAreAConfigurationError() {
        GenericDeadLetter<EventMessage<?>> inMemory = new GenericDeadLetter<>("a-1",
                GenericEventMessage.asEventMessage(new Credited("a-1", "x")));

        assertThatThrownBy(() -> DeadLetterView.letterId(inMemory)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDBC queue");
    }

    private static DeadLetter<EventMessage<?>> letter(ThrowableCause cause, MetaData diagnostics) {
        EventMessage<?> event = new GenericDomainEventMessage<>("Account", "a-1", 7,
                new Credited("a-1", "card ending 4242"), Map.of("tenantId", "tenant-a", "actor", "secret-actor"));
        return new JdbcDeadLetter<>("letter-1", 0, "a-1", ENQUEUED, TOUCHED, cause, diagnostics, event);
    }
}
