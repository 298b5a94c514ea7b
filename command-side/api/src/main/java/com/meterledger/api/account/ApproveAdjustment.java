package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A second person approves ({@code approve}) or rejects a pending adjustment. */
public record ApproveAdjustment(@TargetAggregateIdentifier AccountId accountId, String adjustmentId, boolean approve,
                                String note) {
    public ApproveAdjustment {
        FreeText.require("adjustmentId", adjustmentId, FreeText.NAME);
        FreeText.require("note", note, FreeText.TEXT);
    }
}
