package com.meterledger.gateway.payment.billing;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Closing a tenant (by its administrator or the platform's operator) ends its subscription at Stripe. A processor of
 * its own, after the closing event's transaction: a Stripe that does not answer fails the event here, and the
 * processor tries it again, while the closure itself (and its erasure) never waits for Stripe.
 */
@ProcessingGroup(ClosedTenantBilling.PROCESSING_GROUP)
public class ClosedTenantBilling {
    public static final String PROCESSING_GROUP = "billing-closure";
    private final SubscriptionBilling billing;

    public ClosedTenantBilling(SubscriptionBilling billing) {
        this.billing = billing;
    }

    @EventHandler
    void on(TenantStatusChanged event, @MetaDataValue(TENANT) String tenant) {
        if (event.to() == TenantStatus.CLOSED && event.tenantId().sameAs(tenant)) {
            billing.cancelOnClosure(new TenantId(tenant));
        }
    }
}
