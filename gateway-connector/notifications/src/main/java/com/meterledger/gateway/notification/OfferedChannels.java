package com.meterledger.gateway.notification;

import com.meterledger.api.shared.TenantId;

import java.util.EnumSet;
import java.util.Set;

/**
 * channels: the channels a tenant offers its occupants for low-balance alerts (its notification channels, a setting
 * kept by tenant-admin). Asked on each use, so a change is in force on every node at once.
 */
@FunctionalInterface
public interface OfferedChannels {
    /** E-mail, SMS or both; never a webhook (that is the staff's channel, not the occupant's). */
    Set<Channel> of(TenantId tenant);

    /** What a tenant offers until it chooses: e-mail and SMS. */
    static OfferedChannels standard() {
        return tenant -> EnumSet.of(Channel.EMAIL, Channel.SMS);
    }
}
