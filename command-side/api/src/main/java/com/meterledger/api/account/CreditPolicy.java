package com.meterledger.api.account;

/**
 * How an account lends and recovers: an emergency credit granted once per depletion and repaid from the next
 * top-up, and the share of each top-up (percent, capped in minor units) that goes to recovering registered debt.
 */
public record CreditPolicy(long emergencyCredit, int debtRecoveryPercent, long debtRecoveryCapPerTopUp) {
    public CreditPolicy {
        if (emergencyCredit < 0 || debtRecoveryCapPerTopUp < 0) {
            throw new IllegalArgumentException("emergency credit and the recovery cap are never negative");
        }
        if (debtRecoveryPercent < 0 || debtRecoveryPercent > 100) {
            throw new IllegalArgumentException("the debt recovery share is a percentage from 0 to 100");
        }
    }

    public static CreditPolicy none() {
        return new CreditPolicy(0, 0, 0);
    }
}
