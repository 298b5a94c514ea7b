package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.gateway.payment.StripeGateway.BalanceLine;
import com.meterledger.gateway.payment.StripeGateway.PayoutLine;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReasons.Said;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Kind;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Line;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line's reason is read back from its own columns as the matcher stored them, with the figures its English names:
 * a line stored before the codes existed is worded as a new one is.
 */
class ReconciliationReasonsTest {
    private static final String ACCOUNT = "acct_1";
    private static final Instant DAY = Instant.parse("2026-03-02T10:00:00Z");
    private static final LedgerPayment OURS = new LedgerPayment("pay-1", "acc-1", "pi_1", 2500, "EUR", 25, DAY);

    private static Line only(BalanceLine transaction, Map<String, LedgerPayment> byIntent) {
        return ReconciliationMatcher.match(ACCOUNT, List.of(transaction), List.of(), byIntent,
                List.copyOf(byIntent.values())).getFirst();
    }

    private static BalanceLine charge(long amount, long applicationFee, String currency) {
        return new BalanceLine("txn_1", "charge", amount, 100 + applicationFee, applicationFee, currency, "ch_1",
                "pi_1", DAY);
    }

    @Test
    void givenChargesThatDisagree_whenTheirReasonsAreRead_thenEachNamesWhatDiffersWithBothSides() {
        assertThat(ReconciliationReasons.of(only(charge(2500, 20, "EUR"), Map.of("pi_1", OURS))))
                .isEqualTo(new Said("charge-fee-differs", List.of(25L, 20L)));
        assertThat(ReconciliationReasons.of(only(charge(2400, 25, "EUR"), Map.of("pi_1", OURS))))
                .isEqualTo(new Said("charge-amount-differs", List.of(2500L, 2400L)));
        assertThat(ReconciliationReasons.of(only(charge(2400, 25, "USD"), Map.of("pi_1", OURS))))
                .isEqualTo(new Said("charge-currency-differs", List.of("EUR", "USD")));
        assertThat(ReconciliationReasons.of(only(charge(2500, 25, "EUR"), Map.of("pi_1", OURS))))
                .isEqualTo(new Said("charge-agrees", List.of()));
    }

    @Test
    void givenAChargeOnOneSideOnly_whenItsReasonIsRead_thenItNamesTheAmountOrThePaymentIntent() {
        assertThat(ReconciliationReasons.of(only(charge(2500, 25, "EUR"), Map.of())))
                .isEqualTo(new Said("charge-not-ours", List.of(2500L, "ch_1")));
        Line creditedOnly = ReconciliationMatcher.match(ACCOUNT, List.of(), List.of(), Map.of(), List.of(OURS))
                .getFirst();
        assertThat(ReconciliationReasons.of(creditedOnly)).isEqualTo(new Said("charge-not-at-stripe", List.of("pi_1")));
    }

    @Test
    void givenARefundAndAStrangersDispute_whenTheirReasonsAreRead_thenTheRefundNamesOurPayment() {
        BalanceLine refund = new BalanceLine("txn_r", "refund", -1000, 0, 0, "EUR", "re_1", "pi_1", DAY);
        BalanceLine strangers = new BalanceLine("txn_s", "adjustment", -500, 1500, 0, "EUR", "du_9", "pi_9", DAY);

        assertThat(ReconciliationReasons.of(only(refund, Map.of("pi_1", OURS))))
                .isEqualTo(new Said("refund-reversed", List.of("pay-1")));
        assertThat(ReconciliationReasons.of(only(strangers, Map.of("pi_1", OURS))))
                .isEqualTo(new Said("dispute-not-credited", List.of()));
    }

    @Test
    void givenPayouts_whenTheirReasonsAreRead_thenTheBalanceMovedAndThePayoutAreNamed() {
        BalanceLine moved = new BalanceLine("txn_p", "payout", -3000, 0, 0, "EUR", "po_1", null, DAY);
        Line differs = ReconciliationMatcher.match(ACCOUNT, List.of(moved),
                List.of(new PayoutLine("po_1", 3100, "EUR", "paid", DAY)), Map.of(), List.of()).getFirst();
        Line missing = ReconciliationMatcher.match(ACCOUNT, List.of(),
                List.of(new PayoutLine("po_2", 3100, "EUR", "in_transit", DAY)), Map.of(), List.of()).getFirst();

        assertThat(ReconciliationReasons.of(differs)).isEqualTo(new Said("payout-amount-differs", List.of(3000L, 3100L)));
        assertThat(ReconciliationReasons.of(missing)).isEqualTo(new Said("payout-without-transaction", List.of("po_2")));
    }

    @Test
    void givenALineWhoseColumnsDoNotSayItsReason_whenItIsRead_thenThereIsNoCodeAndItsEnglishStands() {
        Line odd = new Line(ACCOUNT, Kind.REFUND, Outcome.AMOUNT_MISMATCH, "re_1", null, null, null, null, null,
                null, null, null, "stored words");
        assertThat(ReconciliationReasons.of(odd)).isNull();
    }
}
