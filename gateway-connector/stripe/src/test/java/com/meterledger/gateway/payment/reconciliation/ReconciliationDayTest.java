package com.meterledger.gateway.payment.reconciliation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconciliation day is the tenant's: around UTC midnight a Shanghai landlord's "yesterday" is a day ahead of UTC's,
 * and its bounds are Shanghai's midnights.
 */
class ReconciliationDayTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 00:30 on 7 December in Shanghai, still 6 December in UTC. */
    private static final Clock HALF_PAST_MIDNIGHT_IN_SHANGHAI =
            Clock.fixed(Instant.parse("2026-12-06T16:30:00Z"), ZoneOffset.UTC);

    @Test
    void givenHalfPastMidnightInShanghai_whenYesterdayIsAsked_thenItIsShanghaisSixthWhileUtcsIsTheFifth() {
        assertThat(ReconciliationDay.yesterday(HALF_PAST_MIDNIGHT_IN_SHANGHAI, SHANGHAI).date())
                .isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(ReconciliationDay.yesterday(HALF_PAST_MIDNIGHT_IN_SHANGHAI, ZoneOffset.UTC).date())
                .isEqualTo(LocalDate.parse("2026-12-05"));
    }

    @Test
    void givenAShanghaiDay_whenItsBoundsAreAsked_thenTheyAreShanghaisMidnights() {
        ReconciliationDay sixth = new ReconciliationDay(LocalDate.parse("2026-12-06"), SHANGHAI);

        assertThat(sixth.from()).isEqualTo(Instant.parse("2026-12-05T16:00:00Z"));
        assertThat(sixth.to()).isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
    }

    @Test
    void givenHalfPastMidnightInShanghai_whenTodayThereIsAsked_thenItMayBeReconciled_andTomorrowMayNot() {
        assertThat(new ReconciliationDay(LocalDate.parse("2026-12-07"), SHANGHAI)
                .inTheFuture(HALF_PAST_MIDNIGHT_IN_SHANGHAI)).isFalse();
        assertThat(new ReconciliationDay(LocalDate.parse("2026-12-07"), ZoneOffset.UTC)
                .inTheFuture(HALF_PAST_MIDNIGHT_IN_SHANGHAI)).isTrue();
        assertThat(new ReconciliationDay(LocalDate.parse("2026-12-08"), SHANGHAI)
                .inTheFuture(HALF_PAST_MIDNIGHT_IN_SHANGHAI)).isTrue();
    }

    @Test
    void givenADayWhenTheClocksGoBack_whenItsBoundsAreAsked_thenItLastsTwentyFiveHours() {
        ReconciliationDay autumn = new ReconciliationDay(LocalDate.parse("2026-10-25"), ZoneId.of("Europe/Berlin"));

        assertThat(java.time.Duration.between(autumn.from(), autumn.to())).hasHours(25);
    }
}
