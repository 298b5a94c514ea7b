package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyTrigger;

/**
 * Supply control's decision on a trigger, as one pure rule over what the meter should have ({@link SupplyIntent}) and
 * where its relay is heading; the {@code rule} names what fired, for the record. A trigger is only the occasion: the
 * decision follows the account's standing now, so a stale trigger (a depletion handled after a top-up ended it, a
 * reconnect after a new depletion) decides nothing it no longer stands for.
 */
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

    /** The reconciler's decisions carry this prefix before the intent's rule, e.g. {@code reconciled-balance-at-cut-off}. */
    public static final String RECONCILED = "reconciled-";

    /** @return the decision to record, or null when the trigger calls for none */
    public static Verdict decide(SupplyTrigger trigger, SupplyIntent.Verdict intent, Heading heading) {
        return switch (trigger) {
            case DEPLETED, WINDOW_ENDED -> whenDepleted(intent, heading);
            case RECONNECT_LEVEL_REACHED -> intent.target() == SupplyIntent.Target.ON && heading != Heading.ON
                    ? new Verdict(SupplyDecision.RESTORE, "top-up-above-reconnect-level",
                    "the balance reached the reconnect level")
                    : null;
            case RECONCILE -> intent.commandFrom(heading)
                    .map(action -> new Verdict(switch (action) {
                        case CUT -> SupplyDecision.CUT;
                        case RESTORE -> SupplyDecision.RESTORE;
                    }, RECONCILED + intent.rule(), "the relay was not heading where the account's standing intends: "
                            + intent.detail()))
                    .orElse(null);
        };
    }

    /** Protection is recorded even when the relay is already off; a cut not yet due waits for the window's end. */
    private static Verdict whenDepleted(SupplyIntent.Verdict intent, Heading heading) {
        if (intent.rule().equals(SupplyIntent.KEEP_ON)) {
            return new Verdict(SupplyDecision.KEEP_ON, "keep-on-protection", "the meter is protected from cuts");
        }
        if (heading == Heading.OFF) {
            return null;
        }
        if (intent.rule().equals(SupplyIntent.FRIENDLY_WINDOW)) {
            return new Verdict(SupplyDecision.DEFER, "friendly-window",
                    "depleted inside the tenant's friendly window; the cut waits for its end");
        }
        if (intent.target() == SupplyIntent.Target.OFF) {
            return new Verdict(SupplyDecision.CUT, "balance-at-cut-off", "the balance reached the cut-off level");
        }
        return null;
    }
}
