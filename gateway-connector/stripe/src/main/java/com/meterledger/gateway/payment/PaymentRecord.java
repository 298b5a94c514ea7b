package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;

/**
 * Our own record of a checkout we created: the only way a Stripe object leads to a tenant, account and payment.
 * {@code method} is how it was paid once it succeeded (card before, and for payments older than the method's column).
 */
public record PaymentRecord(TenantId tenant, PaymentId paymentId, AccountId accountId, String checkoutSessionId,
                            String paymentIntentId, Money amount, PaymentMethod method) {
}
