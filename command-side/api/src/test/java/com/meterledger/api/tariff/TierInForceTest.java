package com.meterledger.api.tariff;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TierInForceTest {
    /** Shanghai-style 阶梯电价 per month: up to 260 kWh, up to 600 kWh, above. */
    private final TariffSchedule.Tiered tiers = new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(
            TierBlock.upTo("260", "56.8"), TierBlock.upTo("600", "61.8"), TierBlock.above("86.8")));

    @Test
    void givenNothingUsedYet_whenTheTierNowIsAsked_thenItIsTheFirst() {
        assertThat(tiers.blockAt(BigDecimal.ZERO)).isZero();
    }

    @Test
    void givenExactlyTheFirstBoundUsed_whenTheTierNowIsAsked_thenTheNextUnitCostsTheSecondTiersPrice() {
        assertThat(tiers.blockAt(new BigDecimal("259.999"))).isZero();
        assertThat(tiers.blockAt(new BigDecimal("260"))).isEqualTo(1);
    }

    @Test
    void givenMoreThanEveryBoundUsed_whenTheTierNowIsAsked_thenItIsTheOpenEndedLast() {
        assertThat(tiers.blockAt(new BigDecimal("600"))).isEqualTo(2);
        assertThat(tiers.blockAt(new BigDecimal("100000"))).isEqualTo(2);
    }
}
