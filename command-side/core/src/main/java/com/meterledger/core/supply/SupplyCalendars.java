package com.meterledger.core.supply;

/** The friendly window each tenant has set. */
public interface SupplyCalendars {
    FriendlyWindow of(String tenant);
}
