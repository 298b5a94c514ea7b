package com.meterledger.gateway.payment.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The newest reconciliation run of one tenant for one day: a line per Stripe item or ledger payment. {@code timeZone}
 * is the zone the day was counted in when the run was made (the tenant's; UTC for runs made before days were the
 * tenant's), so the day's bounds stay what they were if the tenant later changes its zone.
 */
public record ReconciliationReport(LocalDate date, String timeZone, String runId, Instant startedAt, String startedBy,
                                   Map<Outcome, Long> totals, List<Line> lines) {

    public enum Outcome { MATCHED, MISSING_IN_LEDGER, MISSING_AT_STRIPE, AMOUNT_MISMATCH, FEE_MISMATCH, CURRENCY_MISMATCH }

    public enum Kind { CHARGE, REFUND, DISPUTE, PAYOUT }

    /**
     * Expected is our side (the checkout we created and its application fee, or for a payout Stripe's balance
     * transaction), actual is what Stripe reports; {@code reason} says what was compared and what differs.
     * {@code paymentMethod} is how the occupant paid (CARD, WECHAT_PAY, ALIPAY) for a line of a payment our ledger
     * credited, read from our checkout record when the report is read; null for payouts and unknown payments.
     */
    public record Line(String connectedAccountId, Kind kind, Outcome outcome, String stripeId, String paymentId,
                       String accountId, Long expectedMinor, Long actualMinor, Long expectedFeeMinor,
                       Long actualFeeMinor, String expectedCurrency, String actualCurrency, String reason,
                       String paymentMethod) {
        /** A line as the matcher makes it: the method is our record's, added when the report is read. */
        public Line(String connectedAccountId, Kind kind, Outcome outcome, String stripeId, String paymentId,
                    String accountId, Long expectedMinor, Long actualMinor, Long expectedFeeMinor,
                    Long actualFeeMinor, String expectedCurrency, String actualCurrency, String reason) {
            this(connectedAccountId, kind, outcome, stripeId, paymentId, accountId, expectedMinor, actualMinor,
                    expectedFeeMinor, actualFeeMinor, expectedCurrency, actualCurrency, reason, null);
        }
    }
}
