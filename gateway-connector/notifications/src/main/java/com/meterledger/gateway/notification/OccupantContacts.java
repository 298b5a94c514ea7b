package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.util.Optional;

/** The deletable store of occupant contact data. Every call names the tenant; no call crosses tenants. */
public interface OccupantContacts {
    Optional<OccupantContact> find(TenantId tenant, AccountId account);

    /** The contacts of these accounts that have one, by account (one look-up for a bulk import's batch of rows). */
    default java.util.Map<AccountId, OccupantContact> findAll(TenantId tenant, java.util.Collection<AccountId> accounts) {
        java.util.Map<AccountId, OccupantContact> found = new java.util.HashMap<>();
        accounts.forEach(account -> find(tenant, account).ifPresent(contact -> found.put(account, contact)));
        return found;
    }

    void save(OccupantContact contact);

    /** The occupant's own low-balance choice, if they ever made one on the portal. */
    Optional<AlertChoice> alertChoice(TenantId tenant, AccountId account);

    /**
     * Keeps the occupant's own choice in the account's contact row (made if there was none) with a fresh unsubscribe
     * token when it sends anything; the token is returned as kept.
     */
    AlertChoice chooseAlerts(TenantId tenant, AccountId account, AlertChoice choice);

    /** Turns off the alerts the token was given for (no address kept); the account, if the token was live. */
    Optional<AccountId> unsubscribe(TenantId tenant, String token);

    /** Erases the contact for good; true if there was one. */
    boolean erase(TenantId tenant, AccountId account);

    /** Erases every contact of the tenant (it closed); how many there were. */
    int eraseAll(TenantId tenant);
}
