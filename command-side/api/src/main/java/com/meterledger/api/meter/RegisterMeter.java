package com.meterledger.api.meter;

import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Utility;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterMeter(@TargetAggregateIdentifier MeterId meterId, UnitId unitId, Utility utility, String serialNumber) {
    public RegisterMeter {
        FreeText.require("serialNumber", serialNumber, FreeText.NAME);
    }
}
