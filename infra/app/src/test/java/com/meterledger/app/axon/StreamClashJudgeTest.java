package com.meterledger.app.axon;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stream an append lost on, as PostgreSQL names the key: an id taken only when its first event clashed. */
class StreamClashJudgeTest {
    @Test
    void givenABatchWhoseNewStreamClashedWhenJudgedThenTheStreamIsNamedWhateverEventCameFirst() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 INSERT INTO domain_event_entry was aborted",
                "23505", 0, new int[0], null);
        batch.setNextException(new SQLException("""
                ERROR: duplicate key value violates unique constraint "domain_event_entry_aggregate_identifier_sequence_number_key"
                  Detail: Key (aggregate_identifier, sequence_number)=(m-2, 0) already exists.""", "23505"));

        assertThat(StreamClashJudge.streamCreatedTwice(new RuntimeException("append failed", batch))).isEqualTo("m-2");
    }

    @Test
    void givenAClashOnALaterEventOrAnotherFailureWhenJudgedThenAxonsOwnJudgementStands() {
        SQLException later = new SQLException("""
                ERROR: duplicate key value violates unique constraint "domain_event_entry_aggregate_identifier_sequence_number_key"
                  Detail: Key (aggregate_identifier, sequence_number)=(property:t:p-1, 12) already exists.""", "23505");

        assertThat(StreamClashJudge.streamCreatedTwice(later)).isNull();
        assertThat(StreamClashJudge.streamCreatedTwice(new SQLException("connection reset", "08006"))).isNull();
    }
}
