package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/** Part of a top-up went to the registered debt instead of the balance. */
public record DebtRecovered(AccountId accountId, Money amount, Money debtAfter, Money balanceAfter) implements MoneyMovement {
}
