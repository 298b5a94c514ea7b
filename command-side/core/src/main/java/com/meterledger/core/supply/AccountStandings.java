package com.meterledger.core.supply;

import com.meterledger.api.account.AccountId;

/** The current standing of an account, read in the unit of work of the decision that needs it. */
@FunctionalInterface
public interface AccountStandings {
    AccountStanding of(AccountId accountId, String tenant);
}
