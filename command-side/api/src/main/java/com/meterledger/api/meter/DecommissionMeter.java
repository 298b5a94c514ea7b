package com.meterledger.api.meter;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a meter out of service for good: it accepts no reading, supply or attach command afterwards. Refused while
 * the meter supplies an account (move-out or meter replacement first). Decommissioning twice is a no-op.
 */
public record DecommissionMeter(@TargetAggregateIdentifier MeterId meterId, String reason) {
    public DecommissionMeter {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
