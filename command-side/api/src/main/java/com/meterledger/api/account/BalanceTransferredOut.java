package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record BalanceTransferredOut(AccountId accountId, AccountId to, Money amount, Money balanceAfter) implements MoneyMovement {
}
