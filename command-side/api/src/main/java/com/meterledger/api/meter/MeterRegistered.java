package com.meterledger.api.meter;

import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Utility;

import java.time.Instant;

public record MeterRegistered(MeterId meterId, UnitId unitId, Utility utility, String serialNumber, Instant registeredAt) {
}
