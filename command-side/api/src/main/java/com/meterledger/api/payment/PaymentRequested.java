package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

import java.time.Instant;

public record PaymentRequested(PaymentId paymentId, AccountId accountId, Money amount, Instant requestedAt) {
}
