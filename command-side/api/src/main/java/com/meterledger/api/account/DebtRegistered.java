package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record DebtRegistered(AccountId accountId, Money amount, String reason, Money debtAfter) {
}
