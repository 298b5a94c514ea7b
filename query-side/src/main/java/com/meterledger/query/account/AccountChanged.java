package com.meterledger.query.account;

/**
 * account-projection has written a change of one account: by its id, or (for supply, which the projection keeps by
 * meter) by the meter that supplies it. One of the two may be null.
 */
public record AccountChanged(String tenantId, String accountId, String meterId) {
}
