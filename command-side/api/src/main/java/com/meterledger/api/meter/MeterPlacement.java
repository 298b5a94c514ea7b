package com.meterledger.api.meter;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.Utility;

/** A meter's property (through its unit) and utility. */
public record MeterPlacement(MeterId meterId, PropertyId propertyId, Utility utility) {
}
