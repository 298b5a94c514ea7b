package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Move-out ends the phones remembered for the account: the portal of a closed account is nobody's to reopen, and the
 * account page then shows them as ended by the closing. A processor of its own, after the closing's transaction, so a
 * move-out never waits for (or fails on) this; until it has run, the portal refuses a closed account anyway. Ending
 * an ended phone records nothing, so a replay changes nothing.
 */
@Component
@ProcessingGroup(ClosedAccountDevices.PROCESSING_GROUP)
public class ClosedAccountDevices {
    public static final String PROCESSING_GROUP = "remembered-devices";

    private final RememberedDevices devices;

    public ClosedAccountDevices(RememberedDevices devices) {
        this.devices = devices;
    }

    @EventHandler
    void on(AccountClosed event, @MetaDataValue(MetadataKeys.TENANT) String tenant,
            @MetaDataValue(MetadataKeys.ACTOR) String actor, @MetaDataValue(MetadataKeys.ORIGIN) String origin) {
        devices.endForAccount(new TenantId(tenant), event.accountId().value(), actor == null ? "system" : actor,
                origin == null ? "system" : origin);
    }
}
