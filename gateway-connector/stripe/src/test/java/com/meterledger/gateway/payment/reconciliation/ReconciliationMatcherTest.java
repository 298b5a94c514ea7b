package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.gateway.payment.StripeGateway.BalanceLine;
import com.meterledger.gateway.payment.StripeGateway.PayoutLine;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Kind;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Line;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The matching rules of one connected account's day, without Stripe or a database. */
class ReconciliationMatcherTest {
    private static final String ACCOUNT = "acct_1";
    private static final Instant DAY = Instant.parse("2026-03-02T10:00:00Z");
    private static final LedgerPayment OURS = new LedgerPayment("pay-1", "acc-1", "pi_1", 2500, "EUR", 25, DAY);

    private static BalanceLine charge(long amount, long applicationFee, String currency) {
        return new BalanceLine("txn_1", "charge", amount, 100 + applicationFee, applicationFee, currency, "ch_1",
                "pi_1", DAY);
    }

    private static Line only(List<BalanceLine> transactions, List<PayoutLine> payouts) {
        List<Line> lines = ReconciliationMatcher.match(ACCOUNT, transactions, payouts, Map.of("pi_1", OURS),
                List.of(OURS));
        assertThat(lines).hasSize(1);
        return lines.getFirst();
    }

    @Test
    void aChargeThatAgreesInAmountCurrencyAndFeeIsMatched() {
        Line line = only(List.of(charge(2500, 25, "EUR")), List.of());
        assertThat(line.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(line.paymentId()).isEqualTo("pay-1");
    }

    @Test
    void anotherApplicationFeeIsAFeeMismatch() {
        Line line = only(List.of(charge(2500, 20, "EUR")), List.of());
        assertThat(line.outcome()).isEqualTo(Outcome.FEE_MISMATCH);
        assertThat(line.reason()).isEqualTo("we asked an application fee of 25, Stripe took 20");
    }

    @Test
    void anotherCurrencyIsACurrencyMismatchWhateverTheAmount() {
        Line line = only(List.of(charge(2400, 25, "USD")), List.of());
        assertThat(line.outcome()).isEqualTo(Outcome.CURRENCY_MISMATCH);
        assertThat(line.reason()).isEqualTo("we asked for EUR, Stripe charged USD");
    }

    @Test
    void aChargeOfAPaymentWeHaveNotCreditedIsMissingInTheLedger() {
        LedgerPayment unpaid = new LedgerPayment("pay-1", "acc-1", "pi_1", 2500, "EUR", 25, null);
        List<Line> lines = ReconciliationMatcher.match(ACCOUNT, List.of(charge(2500, 25, "EUR")), List.of(),
                Map.of("pi_1", unpaid), List.of());
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.outcome()).isEqualTo(Outcome.MISSING_IN_LEDGER);
            assertThat(line.reason()).isEqualTo("Stripe charged payment pay-1, but our ledger has not credited it");
        });
    }

    @Test
    void aRefundOfOurPaymentIsMatchedToItAndOneOfAStrangersIsMissingInTheLedger() {
        BalanceLine refund = new BalanceLine("txn_r", "refund", -1000, 0, 0, "EUR", "re_1", "pi_1", DAY);
        BalanceLine strangers = new BalanceLine("txn_s", "adjustment", -500, 1500, 0, "EUR", "du_9", "pi_9", DAY);
        List<Line> lines = ReconciliationMatcher.match(ACCOUNT, List.of(charge(2500, 25, "EUR"), refund, strangers),
                List.of(), Map.of("pi_1", OURS), List.of(OURS));
        assertThat(lines).extracting(Line::kind, Line::outcome).containsExactly(
                tuple(Kind.CHARGE, Outcome.MATCHED),
                tuple(Kind.REFUND, Outcome.MATCHED),
                tuple(Kind.DISPUTE, Outcome.MISSING_IN_LEDGER));
    }

    @Test
    void aPayoutIsComparedWithItsBalanceTransaction() {
        BalanceLine moved = new BalanceLine("txn_p", "payout", -3000, 0, 0, "EUR", "po_1", null, DAY);
        List<Line> lines = ReconciliationMatcher.match(ACCOUNT, List.of(moved),
                List.of(new PayoutLine("po_1", 3100, "EUR", "paid", DAY)), Map.of(), List.of());
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(Kind.PAYOUT);
            assertThat(line.outcome()).isEqualTo(Outcome.AMOUNT_MISMATCH);
            assertThat(line.reason()).isEqualTo("the balance moved 3000, the payout is 3100");
        });
    }
}
