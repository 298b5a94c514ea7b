package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/** Instead of a cut, the account got its emergency credit (once per depletion); the next top-up repays it. */
public record EmergencyCreditGranted(AccountId accountId, Money amount, Money balanceAfter) implements MoneyMovement {
}
