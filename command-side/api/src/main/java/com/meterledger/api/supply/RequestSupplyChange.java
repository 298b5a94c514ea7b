package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask for a meter's relay or valve to change; {@code rule} names the policy rule or operator reason behind it. */
public record RequestSupplyChange(@TargetAggregateIdentifier MeterId meterId, SupplyAction action, String rule) {
    public RequestSupplyChange {
        // an operator's reason arrives as "reason" at the edge (POST /api/meters/{id}/supply-commands)
        FreeText.require("reason", rule, FreeText.TEXT);
    }
}
