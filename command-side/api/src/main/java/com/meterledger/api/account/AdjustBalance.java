package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A manual correction of the balance (positive credits, negative debits) with its reason. Above the tenant's
 * approval limit it waits for a second person's {@link ApproveAdjustment}.
 */
public record AdjustBalance(@TargetAggregateIdentifier AccountId accountId, String adjustmentId, Money amount,
                            String reason) {
    public AdjustBalance {
        FreeText.require("adjustmentId", adjustmentId, FreeText.NAME);
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
