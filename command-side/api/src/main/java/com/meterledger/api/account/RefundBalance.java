package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pay part of the balance back to the occupant, with the reason for the record. */
public record RefundBalance(@TargetAggregateIdentifier AccountId accountId, Money amount, String reason) {
    public RefundBalance {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
