package com.meterledger.api.occupantlink;

import com.meterledger.api.shared.Ids;

/**
 * One phone an occupant let the portal remember for one account, the identity of its {@code RememberedDevice}
 * history: made by MeterLedger ({@code rd-} and 20 random hex digits), never chosen, and never the phone's secret.
 */
public record RememberedDeviceId(String value) {
    public RememberedDeviceId {
        Ids.requireValid(value, "remembered device id");
    }

    @Override
    public String toString() {
        return value;
    }
}
