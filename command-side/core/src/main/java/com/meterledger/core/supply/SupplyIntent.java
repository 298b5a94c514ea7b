package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyAction;

import java.util.Optional;

/**
 * The supply a meter should have now, from its account's current standing and the rules that may hold it: one pure
 * rule shared by the depletion a reading causes, the supply-control process and the reconciler, so they cannot judge a
 * meter differently. {@code rule} names what decided, as a stable code.
 * <ul>
 *     <li>{@link Target#ON}: the balance is at or above the reconnect level, or above the cut-off level of an account
 *     that is not depleted;</li>
 *     <li>{@link Target#OFF}: the account is depleted and at or below its cut-off level, and nothing holds it;</li>
 *     <li>{@link Target#HOLD}: leave the relay as it is. No account; a depleted account between its cut-off and
 *     reconnect levels (no cut above the cut-off, no restore below the reconnect level); an account at its cut-off
 *     without a recorded depletion (just opened at zero, or its levels moved); protection (keep-on); the friendly
 *     window; an operator's cut or restore that still stands.</li>
 * </ul>
 */
public final class SupplyIntent {
    private SupplyIntent() {
    }

    public enum Target {
        ON, OFF, HOLD
    }

    public record Verdict(Target target, String rule, String detail) {
        /** The command that takes a relay heading this way to the target; none when it heads there already, or HOLD. */
        public Optional<SupplyAction> commandFrom(SupplyPolicy.Heading heading) {
            return switch (target) {
                case ON -> heading == SupplyPolicy.Heading.ON ? Optional.empty() : Optional.of(SupplyAction.RESTORE);
                case OFF -> heading == SupplyPolicy.Heading.OFF ? Optional.empty() : Optional.of(SupplyAction.CUT);
                case HOLD -> Optional.empty();
            };
        }
    }

    public static final String NO_ACCOUNT = "no-account";
    public static final String OPERATOR_CUT = "operator-cut";
    public static final String OPERATOR_RESTORE = "operator-restore";
    public static final String ABOVE_RECONNECT_LEVEL = "balance-above-reconnect-level";
    public static final String ABOVE_CUT_OFF = "balance-above-cut-off";
    public static final String BELOW_RECONNECT_LEVEL = "below-reconnect-level";
    public static final String NOT_DEPLETED = "not-depleted";
    public static final String KEEP_ON = "keep-on-protection";
    public static final String FRIENDLY_WINDOW = "friendly-window";
    public static final String AT_CUT_OFF = "balance-at-cut-off";

    /**
     * @param operatorDecision an operator's cut or restore that still stands (null: none). It holds against the
     *                         reconciler only; the account's next crossing of a level decides again, as it always did
     */
    public static Verdict of(AccountStanding account, boolean protectedSupply, boolean insideFriendlyWindow,
                             SupplyAction operatorDecision) {
        if (account == null || !account.open()) {
            return new Verdict(Target.HOLD, NO_ACCOUNT, "the meter supplies no open account");
        }
        if (operatorDecision == SupplyAction.CUT) {
            return new Verdict(Target.HOLD, OPERATOR_CUT, "an operator's cut stands until the account next "
                    + "reaches its reconnect level or an operator restores");
        }
        if (account.balance() >= account.reconnect()) {
            return new Verdict(Target.ON, ABOVE_RECONNECT_LEVEL, "the balance " + account.balance()
                    + " is at or above the reconnect level " + account.reconnect());
        }
        if (account.balance() > account.cutOff()) {
            return account.depleted()
                    ? new Verdict(Target.HOLD, BELOW_RECONNECT_LEVEL, "depleted, and the balance " + account.balance()
                    + " is above the cut-off level but below the reconnect level " + account.reconnect())
                    : new Verdict(Target.ON, ABOVE_CUT_OFF, "the balance " + account.balance()
                    + " is above the cut-off level " + account.cutOff() + " and the account is not depleted");
        }
        if (!account.depleted()) {
            return new Verdict(Target.HOLD, NOT_DEPLETED, "the balance is at or below the cut-off level but no "
                    + "depletion is recorded");
        }
        if (protectedSupply) {
            return new Verdict(Target.HOLD, KEEP_ON, "the meter is protected from cuts");
        }
        if (insideFriendlyWindow) {
            return new Verdict(Target.HOLD, FRIENDLY_WINDOW, "inside the tenant's friendly window; a cut waits for "
                    + "its end");
        }
        if (operatorDecision == SupplyAction.RESTORE) {
            return new Verdict(Target.HOLD, OPERATOR_RESTORE, "an operator's restore stands until the account's "
                    + "next depletion");
        }
        return new Verdict(Target.OFF, AT_CUT_OFF, "the account is depleted: the balance " + account.balance()
                + " is at or below the cut-off level " + account.cutOff());
    }
}
