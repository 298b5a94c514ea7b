package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/** The balance fell to or below warning level 1 or 2. */
public record LowBalanceWarningReached(AccountId accountId, int level, Money balance, Money threshold) {
}
