package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record EmergencyCreditRepaid(AccountId accountId, Money amount, Money balanceAfter) implements MoneyMovement {
}
