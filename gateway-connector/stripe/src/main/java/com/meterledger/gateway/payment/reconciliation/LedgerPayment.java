package com.meterledger.gateway.payment.reconciliation;

import java.time.Instant;

/** Our record of one checkout, as the reconciliation compares it: what we asked for and when it was credited. */
record LedgerPayment(String paymentId, String accountId, String paymentIntentId, long amountMinor, String currency,
                     long applicationFeeMinor, Instant succeededAt) {
}
