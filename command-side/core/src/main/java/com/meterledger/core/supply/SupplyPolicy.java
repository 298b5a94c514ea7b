package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyDecision;

/** Supply control's rules as one pure decision; the {@code rule} names what fired, for the record. */
public final class SupplyPolicy {
    private SupplyPolicy() {
    }

    public record Verdict(SupplyDecision decision, String rule, String detail) {
    }

    /**
     * Where the meter's relay is heading as far as the meter's record knows: the state a command under way will
     * leave it in, else the last state a gateway confirmed. {@link #UNKNOWN} when a command ended without an
     * acknowledgement (abandoned after its time-outs, or replaced by a newer command before it was answered): the
     * meter may have carried it out or not, so no rule may take either state for granted.
     */
    public enum Heading {
        ON, OFF, UNKNOWN
    }

    public static Verdict whenDepleted(boolean protectedSupply, Heading heading, boolean insideFriendlyWindow) {
        if (protectedSupply) {
            return new Verdict(SupplyDecision.KEEP_ON, "keep-on-protection", "the meter is protected from cuts");
        }
        if (heading == Heading.OFF) {
            return null;
        }
        if (insideFriendlyWindow) {
            return new Verdict(SupplyDecision.DEFER, "friendly-window",
                    "depleted inside the tenant's friendly window; the cut waits for its end");
        }
        return new Verdict(SupplyDecision.CUT, "balance-at-cut-off", "the balance reached the cut-off level");
    }

    /** Only supply known to be on, or a restore already on its way, needs no command: in doubt, restore. */
    public static Verdict whenReconnectLevelReached(Heading heading) {
        if (heading == Heading.ON) {
            return null;
        }
        return new Verdict(SupplyDecision.RESTORE, "top-up-above-reconnect-level",
                "the balance reached the reconnect level");
    }
}
