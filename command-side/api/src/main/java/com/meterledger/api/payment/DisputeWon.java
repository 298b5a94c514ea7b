package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

/** The landlord won dispute {@code disputeId}: Stripe reinstated the funds and {@code restored} is credited again. */
public record DisputeWon(PaymentId paymentId, AccountId accountId, String disputeId, Money restored) {
}
