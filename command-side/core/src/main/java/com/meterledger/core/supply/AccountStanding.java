package com.meterledger.core.supply;

import com.meterledger.api.account.AccountId;

/**
 * An account as supply control needs it now: its balance against its cut-off and reconnect levels, whether it stands
 * depleted (a depletion not yet ended by reaching the reconnect level), and whether it is open. Taken from the account
 * itself at the moment of a decision, never from the event that triggered it, which may be stale by then.
 */
public record AccountStanding(AccountId accountId, long balance, long cutOff, long reconnect, boolean depleted,
                              boolean open) {

    /** No account to judge by: the meter supplies none, or another one than the trigger named. */
    public static AccountStanding none(AccountId accountId) {
        return new AccountStanding(accountId, 0, 0, 0, false, false);
    }
}
