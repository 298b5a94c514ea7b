package com.meterledger.api.tariff;

/** What a charge line prices. */
public enum ChargeKind {
    FLAT,
    TIER,
    REGISTER,
    STANDING_CHARGE
}
