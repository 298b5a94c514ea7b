package com.meterledger.api.tenant;

import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.Set;

/**
 * A tenant's notification channels changed; who changed them is the event's actor (metadata). Whether staff alerts
 * go to an address of their own is recorded, the address itself is not (see {@link NotificationChannels}).
 */
public record NotificationChannelsChanged(TenantId tenantId, Set<OccupantChannel> occupantChannels,
                                          boolean staffAlertAddressSet, Instant at) {
    public NotificationChannelsChanged {
        occupantChannels = occupantChannels == null ? Set.of() : Set.copyOf(occupantChannels);
    }
}
