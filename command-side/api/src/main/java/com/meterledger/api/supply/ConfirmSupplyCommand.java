package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The gateway's acknowledgement: the meter did ({@code executed}) or could not carry out the command. */
public record ConfirmSupplyCommand(@TargetAggregateIdentifier MeterId meterId, SupplyCommandId commandId,
                                   boolean executed, String detail) {
    public ConfirmSupplyCommand {
        FreeText.require("detail", detail, FreeText.TEXT);
    }
}
