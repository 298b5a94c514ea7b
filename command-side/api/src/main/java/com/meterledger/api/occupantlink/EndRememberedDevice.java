package com.meterledger.api.occupantlink;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a remembered phone's access for the reason given; ending one that has ended records nothing. */
public record EndRememberedDevice(@TargetAggregateIdentifier RememberedDeviceId deviceId,
                                  RememberedDeviceEnding reason) {
    public EndRememberedDevice {
        if (deviceId == null || reason == null) {
            throw new IllegalArgumentException("device and reason are required");
        }
    }
}
