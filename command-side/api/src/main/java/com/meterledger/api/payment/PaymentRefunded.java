package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

/** {@code amount} more was refunded ({@code refundedTotal} in all); the credit is reversed by {@code amount}. */
public record PaymentRefunded(PaymentId paymentId, AccountId accountId, Money amount, Money refundedTotal,
                              boolean full, String stripeReference) {
}
