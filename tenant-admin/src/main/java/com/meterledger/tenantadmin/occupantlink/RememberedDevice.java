package com.meterledger.tenantadmin.occupantlink;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.occupantlink.DeviceRemembered;
import com.meterledger.api.occupantlink.EndRememberedDevice;
import com.meterledger.api.occupantlink.RememberDevice;
import com.meterledger.api.occupantlink.RememberedDeviceEnded;
import com.meterledger.api.occupantlink.RememberedDeviceId;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One remembered phone's history: remembered through a payment link, then ended once (by staff, by the occupant, by
 * the link's revocation or by the account's closing), each an event whose metadata names the actor. The phone's
 * secret and its label stay in the device table ({@link RememberedDevices}); another tenant's command finds no such
 * device.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RememberedDevice {
    @AggregateIdentifier
    private RememberedDeviceId deviceId;
    private TenantId tenantId;
    private AccountId accountId;
    private boolean ended;

    protected RememberedDevice() {
    }

    @CommandHandler
    public RememberedDevice(RememberDevice command, @MetaDataValue(TENANT) String tenant) {
        if (tenant == null || !command.tenantId().sameAs(tenant)) {
            throw new NotFound("account", command.accountId());
        }
        apply(new DeviceRemembered(command.deviceId(), command.tenantId(), command.accountId(), command.linkId(),
                command.expiresAt(), GenericEventMessage.clock.instant()));
    }

    /** @return whether this ended the device (false: it had ended already, and nothing is recorded) */
    @CommandHandler
    public boolean handle(EndRememberedDevice command, @MetaDataValue(TENANT) String tenant) {
        if (tenant == null || !tenantId.sameAs(tenant)) {
            throw new NotFound("remembered device", deviceId);
        }
        if (ended) {
            return false;
        }
        apply(new RememberedDeviceEnded(deviceId, tenantId, accountId, command.reason(),
                GenericEventMessage.clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(DeviceRemembered event) {
        deviceId = event.deviceId();
        tenantId = event.tenantId();
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(RememberedDeviceEnded event) {
        ended = true;
    }
}
