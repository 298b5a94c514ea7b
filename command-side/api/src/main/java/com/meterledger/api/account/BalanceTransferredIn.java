package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record BalanceTransferredIn(AccountId accountId, AccountId from, Money amount, Money balanceAfter) implements MoneyMovement {
}
