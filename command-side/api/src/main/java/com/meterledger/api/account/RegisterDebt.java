package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Debt to recover from future top-ups (e.g. arrears carried over), with the reason for the record. */
public record RegisterDebt(@TargetAggregateIdentifier AccountId accountId, Money amount, String reason) {
    public RegisterDebt {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
