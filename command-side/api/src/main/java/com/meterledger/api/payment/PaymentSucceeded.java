package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

import java.time.Instant;

/** Paid; the account is credited with {@code amount} under reference {@code checkoutSessionId} in the same unit of work. */
public record PaymentSucceeded(PaymentId paymentId, AccountId accountId, Money amount, String checkoutSessionId,
                               String paymentIntentId, Instant succeededAt) {
}
