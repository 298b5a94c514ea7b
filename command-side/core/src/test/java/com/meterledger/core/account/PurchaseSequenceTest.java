package com.meterledger.core.account;

import com.meterledger.api.account.AccountId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Purchase numbers on top-ups: each used once, from 1; a number beyond the next expected one leaves a gap. */
class PurchaseSequenceTest {
    private static final AccountId ACCOUNT = new AccountId("a-1");

    @Test
    void aTopUpWithoutANumberIsNeitherRefusedNorAGap() {
        assertThat(PurchaseSequence.refusalOf(null, Set.of(1L, 2L), ACCOUNT)).isEmpty();
        assertThat(PurchaseSequence.gapBefore(null, 2)).isEmpty();
    }

    @Test
    void aNumberUsedBeforeOnTheAccountIsRefused() {
        assertThat(PurchaseSequence.refusalOf(2L, Set.of(1L, 2L), ACCOUNT)).hasValueSatisfying(refusal -> {
            assertThat(refusal.rule()).isEqualTo("purchase-sequence-used");
            assertThat(refusal.getMessage()).isEqualTo("purchase number 2 was already used on account a-1");
        });
    }

    @Test
    void numbersStartAtOne() {
        assertThat(PurchaseSequence.refusalOf(0L, Set.of(), ACCOUNT)).isPresent();
        assertThat(PurchaseSequence.refusalOf(-3L, Set.of(), ACCOUNT)).isPresent();
        assertThat(PurchaseSequence.refusalOf(1L, Set.of(), ACCOUNT)).isEmpty();
    }

    @Test
    void theNextNumberLeavesNoGap() {
        assertThat(PurchaseSequence.gapBefore(1L, 0)).isEmpty();
        assertThat(PurchaseSequence.gapBefore(3L, 2)).isEmpty();
    }

    @Test
    void aNumberBeyondTheNextLeavesTheSkippedOnesAsAGap() {
        assertThat(PurchaseSequence.gapBefore(5L, 2)).contains(new PurchaseSequence.Gap(3, 5));
    }

    @Test
    void aLateNumberFillingAnEarlierGapLeavesNone() {
        assertThat(PurchaseSequence.refusalOf(4L, Set.of(1L, 2L, 5L), ACCOUNT)).isEmpty();
        assertThat(PurchaseSequence.gapBefore(4L, 5)).isEmpty();
    }
}
