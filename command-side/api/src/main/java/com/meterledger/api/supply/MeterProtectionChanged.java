package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

public record MeterProtectionChanged(MeterId meterId, boolean protectedSupply, String reason) {
}
