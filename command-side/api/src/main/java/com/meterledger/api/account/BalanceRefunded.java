package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record BalanceRefunded(AccountId accountId, Money amount, String reason, Money balanceAfter) implements MoneyMovement {
}
