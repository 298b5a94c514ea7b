package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

/** The landlord lost dispute {@code disputeId}: the {@code disputed} funds stay withdrawn and the credit reversed. */
public record DisputeLost(PaymentId paymentId, AccountId accountId, String disputeId, Money disputed) {
}
