package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.util.Optional;

/** The deletable store of occupant contact data. Every call names the tenant; no call crosses tenants. */
public interface OccupantContacts {
    Optional<OccupantContact> find(TenantId tenant, AccountId account);

    void save(OccupantContact contact);

    /** Erases the contact for good; true if there was one. */
    boolean erase(TenantId tenant, AccountId account);

    /** Erases every contact of the tenant (it closed); how many there were. */
    int eraseAll(TenantId tenant);
}
