package com.meterledger.api.payment;

import com.meterledger.api.shared.Ids;

/** One payment: one checkout, at most one credit. */
public record PaymentId(String value) {
    public PaymentId {
        Ids.requireValid(value, "payment id");
    }

    @Override
    public String toString() {
        return value;
    }
}
