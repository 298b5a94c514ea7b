package com.meterledger.api.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;

import java.time.Instant;

/**
 * Paid; the account is credited with {@code amount} under reference {@code checkoutSessionId} in the same unit of work.
 * {@code method} is how the occupant paid as Stripe reports it (card, WeChat Pay, Alipay), for the receipt and the
 * reconciliation. Events stored before WeChat Pay and Alipay existed lack it: every payment then was by card, so a
 * missing method reads as {@link PaymentMethod#CARD} (ARCHITECTURE.md, "Changing an event").
 */
public record PaymentSucceeded(PaymentId paymentId, AccountId accountId, Money amount, String checkoutSessionId,
                               String paymentIntentId, Instant succeededAt, PaymentMethod method) {
    public PaymentSucceeded {
        method = method == null ? PaymentMethod.CARD : method;
    }

}
