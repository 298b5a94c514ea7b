package com.meterledger.query.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.meterledger.query.audit.TransientLetters.Verdict.LEAVE_TO_OPERATOR;
import static com.meterledger.query.audit.TransientLetters.Verdict.RETRY_NOW;
import static com.meterledger.query.audit.TransientLetters.Verdict.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class TransientLettersTest {
    private static final Instant PARKED = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void aLostDeadlockIsRetriedOnceItsBackOffHasPassed() {
        String deadlock = "org.springframework.dao.PessimisticLockingFailureException";

        assertThat(TransientLetters.judge(deadlock, 1, PARKED, PARKED.plusSeconds(1))).isEqualTo(WAIT);
        assertThat(TransientLetters.judge(deadlock, 1, PARKED, PARKED.plusSeconds(2))).isEqualTo(RETRY_NOW);
        assertThat(TransientLetters.judge("org.springframework.dao.CannotAcquireLockException", 3, PARKED,
                PARKED.plusSeconds(8))).isEqualTo(RETRY_NOW);
    }

    @Test
    void theBackOffGrowsToFiveMinutesAndNoFurther() {
        String timeout = "org.springframework.dao.QueryTimeoutException";

        assertThat(TransientLetters.judge(timeout, 8, PARKED, PARKED.plusSeconds(255))).isEqualTo(WAIT);
        assertThat(TransientLetters.judge(timeout, 11, PARKED, PARKED.plus(Duration.ofMinutes(5)).minusSeconds(1)))
                .isEqualTo(WAIT);
        assertThat(TransientLetters.judge(timeout, 11, PARKED, PARKED.plus(Duration.ofMinutes(5))))
                .isEqualTo(RETRY_NOW);
    }

    @Test
    void aFailureThatKeepsComingBackIsLeftToAnOperator() {
        assertThat(TransientLetters.judge("org.springframework.dao.PessimisticLockingFailureException",
                TransientLetters.MAX_ATTEMPTS, PARKED, PARKED.plus(Duration.ofHours(1)))).isEqualTo(LEAVE_TO_OPERATOR);
    }

    @Test
    void whatTheEventItselfCausesIsLeftToAnOperator() {
        Instant later = PARKED.plus(Duration.ofHours(1));

        assertThat(TransientLetters.judge("org.springframework.dao.DataIntegrityViolationException", 1, PARKED, later))
                .isEqualTo(LEAVE_TO_OPERATOR);
        assertThat(TransientLetters.judge("java.lang.NullPointerException", 1, PARKED, later))
                .isEqualTo(LEAVE_TO_OPERATOR);
        assertThat(TransientLetters.judge("com.example.NoSuchException", 1, PARKED, later)).isEqualTo(LEAVE_TO_OPERATOR);
        assertThat(TransientLetters.judge(null, 0, PARKED, later)).as("parked behind another").isEqualTo(LEAVE_TO_OPERATOR);
    }

    @Test
    void jdbcsOwnTransientFailuresCountToo() {
        assertThat(TransientLetters.judge("java.sql.SQLTransientConnectionException", 1, PARKED,
                PARKED.plusSeconds(2))).isEqualTo(RETRY_NOW);
        assertThat(TransientLetters.judge("org.springframework.transaction.CannotCreateTransactionException", 1,
                PARKED, PARKED.plusSeconds(2))).isEqualTo(RETRY_NOW);
    }
}
