package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

/**
 * Stripe withdrew {@code disputed} for dispute {@code disputeId}; the account's credit is reversed by {@code reversed}
 * (less than {@code disputed} only when refunds and other disputes already took back the rest of the payment).
 */
public record PaymentDisputed(PaymentId paymentId, AccountId accountId, String disputeId, Money disputed,
                              Money reversed, String reason) {
}
