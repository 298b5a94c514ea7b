package com.meterledger.query.audit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay up to a moment takes exactly the events stamped at or before it, however their stamps are written. */
class ReplayLimitTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.250Z");
    private static final AccountReplay.Limit UNTIL = AccountReplay.Limit.until(AT);

    @Test
    void eventsOfTheSameSecondCompareByTheirFraction() {
        assertThat(includes("2026-03-01T10:15:30Z")).isTrue();
        assertThat(includes("2026-03-01T10:15:30.250Z")).isTrue();
        assertThat(includes("2026-03-01T10:15:30.250000001Z")).isFalse();
        assertThat(includes("2026-03-01T10:15:30.9Z")).isFalse();
    }

    @Test
    void earlierAndLaterSecondsNeedNoParsing() {
        assertThat(includes("2026-03-01T10:15:29.999999999Z")).isTrue();
        assertThat(includes("2025-12-31T23:59:59Z")).isTrue();
        assertThat(includes("2026-03-01T10:15:31Z")).isFalse();
    }

    @Test
    void aSequenceLimitStopsRegardlessOfTime() {
        AccountReplay.Limit upTo = AccountReplay.Limit.upToSequence(5);
        assertThat(upTo.includes(5, "2030-01-01T00:00:00Z", upTo.atSecond())).isTrue();
        assertThat(upTo.includes(6, "2000-01-01T00:00:00Z", upTo.atSecond())).isFalse();
    }

    @Property
    void theTextComparisonAgreesWithInstants(@ForAll @LongRange(min = -5_000_000_000L, max = 5_000_000_000L) long nanos) {
        Instant stamp = AT.plusNanos(nanos);
        assertThat(includes(stamp.toString())).isEqualTo(!stamp.isAfter(AT));
    }

    private static boolean includes(String stamp) {
        return UNTIL.includes(1, stamp, UNTIL.atSecond());
    }
}
