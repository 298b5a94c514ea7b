package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyDecision;

/** Supply control's rules as one pure decision; the {@code rule} names what fired, for the record. */
public final class SupplyPolicy {
    private SupplyPolicy() {
    }

    public record Verdict(SupplyDecision decision, String rule, String detail) {
    }

    public static Verdict whenDepleted(boolean protectedSupply, boolean supplyOn, boolean cutPending,
                                       boolean insideFriendlyWindow) {
        if (protectedSupply) {
            return new Verdict(SupplyDecision.KEEP_ON, "keep-on-protection", "the meter is protected from cuts");
        }
        if (!supplyOn || cutPending) {
            return null;
        }
        if (insideFriendlyWindow) {
            return new Verdict(SupplyDecision.DEFER, "friendly-window",
                    "depleted inside the tenant's friendly window; the cut waits for its end");
        }
        return new Verdict(SupplyDecision.CUT, "balance-at-cut-off", "the balance reached the cut-off level");
    }

    public static Verdict whenReconnectLevelReached(boolean supplyOn, boolean cutPending) {
        if (supplyOn && !cutPending) {
            return null;
        }
        return new Verdict(SupplyDecision.RESTORE, "top-up-above-reconnect-level",
                "the balance reached the reconnect level");
    }
}
