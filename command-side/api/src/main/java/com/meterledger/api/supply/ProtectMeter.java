package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keep-on: a protected meter is never cut for low balance (medical equipment, vulnerable occupant, ...). */
public record ProtectMeter(@TargetAggregateIdentifier MeterId meterId, boolean protect, String reason) {
    public ProtectMeter {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
