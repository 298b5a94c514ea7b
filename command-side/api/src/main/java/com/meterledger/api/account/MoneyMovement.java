package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/**
 * An account event that moves money, and the one statement of what it does to the balance: balance before
 * + {@link #signedMinorUnits()} = the {@code balanceAfter} the aggregate states. The account projection's ledger and the
 * auditor's replay both fold an account's events with it.
 */
public sealed interface MoneyMovement permits AccountCredited, BalanceAdjusted, BalanceRefunded, BalanceTransferredIn,
        BalanceTransferredOut, ConsumptionCharged, DebtRecovered, EmergencyCreditGranted, EmergencyCreditRepaid {

    AccountId accountId();

    Money amount();

    Money balanceAfter();

    /** The change of the balance in minor units: positive money in, negative money out. */
    default long signedMinorUnits() {
        return signedMinorUnits(getClass(), amount().minorUnits());
    }

    /**
     * The same for a movement of this type stating this {@code amount}, for readers that take only the amounts from a
     * stored event. Adjustments carry their own sign; the others state a positive amount.
     */
    static long signedMinorUnits(Class<? extends MoneyMovement> type, long amount) {
        boolean out = type == ConsumptionCharged.class || type == EmergencyCreditRepaid.class
                || type == DebtRecovered.class || type == BalanceRefunded.class || type == BalanceTransferredOut.class;
        return out ? Math.negateExact(amount) : amount;
    }
}
