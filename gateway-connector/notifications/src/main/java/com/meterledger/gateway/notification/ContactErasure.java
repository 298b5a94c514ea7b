package com.meterledger.gateway.notification;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * A closed tenant's occupants' contacts (names, e-mail addresses, phone numbers, webhook addresses) are erased: they
 * were only ever in this deletable table, never in an event, so the money's history stays whole without them.
 */
@ProcessingGroup(NotificationEventHandlers.PROCESSING_GROUP)
public class ContactErasure {
    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);
    private final OccupantContacts contacts;

    public ContactErasure(OccupantContacts contacts) {
        this.contacts = contacts;
    }

    @EventHandler
    void on(TenantStatusChanged event, @MetaDataValue(TENANT) String tenant) {
        if (event.to() == TenantStatus.CLOSED && event.tenantId().sameAs(tenant)) {
            int erased = contacts.eraseAll(new TenantId(tenant));
            log.info("tenant {} closed: {} occupant contacts erased", tenant, erased);
        }
    }
}
