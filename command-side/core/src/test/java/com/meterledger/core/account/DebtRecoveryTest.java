package com.meterledger.core.account;

import com.meterledger.api.account.CreditPolicy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The share of a top-up that recovers registered debt: the policy's percentage, within its cap and the debt. */
class DebtRecoveryTest {

    @Test
    void aTopUpRecoversThePolicysShareOfItself() {
        assertThat(DebtRecovery.share(10_000, 50_000, new CreditPolicy(0, 25, 0))).isEqualTo(2_500);
    }

    @Test
    void theCapPerTopUpLimitsTheShare() {
        assertThat(DebtRecovery.share(10_000, 50_000, new CreditPolicy(0, 25, 1_000))).isEqualTo(1_000);
    }

    @Test
    void noMoreIsTakenThanIsOwed() {
        assertThat(DebtRecovery.share(10_000, 300, new CreditPolicy(0, 25, 0))).isEqualTo(300);
    }

    @Test
    void withoutDebtOrAShareNothingIsTaken() {
        assertThat(DebtRecovery.share(10_000, 0, new CreditPolicy(0, 25, 0))).isZero();
        assertThat(DebtRecovery.share(10_000, 5_000, CreditPolicy.none())).isZero();
        assertThat(DebtRecovery.share(0, 5_000, new CreditPolicy(0, 25, 0))).isZero();
    }

    @Property
    void theShareIsNeverNegativeNorAboveTheTopUpTheDebtOrTheCap(
            @ForAll @LongRange(min = -1_000, max = 100_000_000) long topUp,
            @ForAll @LongRange(min = -1_000, max = 100_000_000) long debt,
            @ForAll @IntRange(min = 0, max = 100) int percent,
            @ForAll @LongRange(min = 0, max = 10_000_000) long cap) {
        long share = DebtRecovery.share(topUp, debt, new CreditPolicy(0, percent, cap));
        assertThat(share).isNotNegative().isLessThanOrEqualTo(Math.max(0, topUp)).isLessThanOrEqualTo(Math.max(0, debt));
        if (cap > 0) {
            assertThat(share).isLessThanOrEqualTo(cap);
        }
    }
}
