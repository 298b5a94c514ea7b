package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

/**
 * Stripe has refunded {@code refundedTotal} in all; the credit is reversed by {@code amount}: the refund's new part,
 * less whatever an open or lost dispute had already taken back.
 */
public record PaymentRefunded(PaymentId paymentId, AccountId accountId, Money amount, Money refundedTotal,
                              boolean full, String stripeReference) {
}
