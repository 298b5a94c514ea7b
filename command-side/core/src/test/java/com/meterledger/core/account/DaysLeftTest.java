package com.meterledger.core.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaysLeftTest {
    @Test
    void givenFortyLeftAndTenADayOverAWeek_whenTheDaysLeftAreAsked_thenTheyAreFour() {
        assertThat(DaysLeft.of(4_000, 7_000, 7)).isEqualTo(new DaysLeft.Days(4));
    }

    @Test
    void givenABalanceThatLastsPartOfADayMore_whenTheDaysLeftAreAsked_thenTheyAreRoundedDown() {
        assertThat(DaysLeft.of(3_999, 1_000, 1)).isEqualTo(new DaysLeft.Days(3));
        assertThat(DaysLeft.of(999, 1_000, 1)).isEqualTo(new DaysLeft.Days(0));
    }

    @Test
    void givenNoBalance_whenTheDaysLeftAreAsked_thenNothingIsLeft() {
        assertThat(DaysLeft.of(0, 1_000, 7)).isEqualTo(new DaysLeft.NothingLeft());
        assertThat(DaysLeft.of(-50, 0, 7)).isEqualTo(new DaysLeft.NothingLeft());
    }

    @Test
    void givenNoChargeInTheRecentDays_whenTheDaysLeftAreAsked_thenThereIsNoRateToTell() {
        assertThat(DaysLeft.of(5_000, 0, 7)).isEqualTo(new DaysLeft.NoRecentUse());
    }

    @Test
    void givenNoDays_whenARateIsAsked_thenItIsRefused() {
        assertThatThrownBy(() -> DaysLeft.of(5_000, 100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
