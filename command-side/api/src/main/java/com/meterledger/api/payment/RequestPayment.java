package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An occupant or the landlord's staff wants to pay {@code amount} onto an account through Stripe. Refused when the
 * account is unknown (in the caller's tenant) or closed, the currency is not the account's, or the amount is outside
 * the tenant's limits. The account decides, and creates the payment when it accepts.
 */
public record RequestPayment(PaymentId paymentId, @TargetAggregateIdentifier AccountId accountId, Money amount) {
}
