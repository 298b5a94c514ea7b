package com.meterledger.query.consumption;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyConsumptionPeriodTest {

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> DailyConsumption.validate(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    @Test
    void aSingleDayIsAPeriod() {
        assertThatCode(() -> DailyConsumption.validate(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1)))
                .doesNotThrowAnyException();
    }

    @Test
    void aLeapYearOf366DaysIsTheLongestPeriod() {
        assertThatCode(() -> DailyConsumption.validate(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> DailyConsumption.validate(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 366 days");
    }
}
