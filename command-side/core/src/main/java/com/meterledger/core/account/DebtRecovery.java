package com.meterledger.core.account;

import com.meterledger.api.account.CreditPolicy;

/** How much of a top-up goes to registered debt: the policy's share, never above its cap, the debt or the top-up. */
public final class DebtRecovery {
    private DebtRecovery() {
    }

    public static long share(long topUp, long debt, CreditPolicy policy) {
        if (topUp <= 0 || debt <= 0 || policy.debtRecoveryPercent() == 0) {
            return 0;
        }
        long share = Math.multiplyExact(topUp, (long) policy.debtRecoveryPercent()) / 100;
        if (policy.debtRecoveryCapPerTopUp() > 0) {
            share = Math.min(share, policy.debtRecoveryCapPerTopUp());
        }
        return Math.min(share, debt);
    }
}
