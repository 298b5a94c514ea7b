package com.meterledger.api.account;

import com.meterledger.api.supply.SupplyAction;

/**
 * An account as people see it: its standing, its supply as commanded and as confirmed, and what it owes. Every read
 * model and page works these out here, from the same facts, so that the dashboard, the account page and the API
 * cannot tell different stories about one account (issue 14: they did, in four derivations with different words).
 *
 * @param standing     the one word for the account's state
 * @param supply       the meter's relay or valve as confirmed, and the command on its way, if any
 * @param arrearsMinor what the account owes, as a positive amount in minor units: its overdraft plus its outstanding
 *                     registered debt; zero when it owes nothing
 */
public record AccountState(Standing standing, Supply supply, long arrearsMinor) {

    /**
     * Works out the state from what a projection knows of the account.
     * <p>
     * Arrears count the debt in full whatever the balance: a prepaid balance pays for supply, not debt (debt is
     * recovered from top-ups, and a move-out refunds a positive balance without netting it), so the balance does not
     * cover a debt until the debt is recovered.
     */
    public static AccountState of(Facts facts) {
        return new AccountState(standing(facts), facts.supply(), arrears(facts.balanceMinor(), facts.debtMinor()));
    }

    private static Standing standing(Facts facts) {
        if (facts.closed()) {
            return Standing.CLOSED;
        }
        if (facts.supply().confirmed() == Position.OFF) {
            return Standing.CUT;
        }
        if (facts.depleted()) {
            return Standing.DEPLETED;
        }
        return facts.warningLevel() > 0 ? Standing.LOW : Standing.ACTIVE;
    }

    private static long arrears(long balance, long debt) {
        return Math.addExact(Math.max(0, Math.negateExact(balance)), Math.max(0, debt));
    }

    /** An account is in exactly one standing, checked in this order: closed, cut, depleted, low, active. */
    public enum Standing {
        /** closed (moved out); what it still owes stays in its arrears */
        CLOSED,
        /** supply confirmed off by the meter */
        CUT,
        /** balance at the cut-off level, supply not (yet) confirmed off: protected, friendly window, cut pending */
        DEPLETED,
        /** a low-balance warning level was reached and no credit has come in since */
        LOW,
        /** none of the above */
        ACTIVE
    }

    /** Where a meter's relay or valve stands. */
    public enum Position {
        ON,
        OFF;

        /** Where a command leaves the relay or valve once the meter carries it out. */
        public static Position after(SupplyAction action) {
            return action == SupplyAction.CUT ? OFF : ON;
        }
    }

    /**
     * The supply of the account's meter: as the meter last confirmed it, and the command sent and not yet confirmed,
     * failed for good or abandoned ({@code pending}, null when none). A cut that is pending leaves the supply on until
     * the meter confirms it; pages show both rather than one of them.
     */
    public record Supply(Position confirmed, SupplyAction pending) {
        /** A meter installed on with no command on its way. */
        public static final Supply ON = new Supply(Position.ON, null);

        public Supply {
            if (confirmed == null) {
                throw new IllegalArgumentException("a supply has a confirmed position");
            }
        }

        /** Where the supply was last commanded to be: the pending command's target, else where it is. */
        public Position commanded() {
            return pending == null ? confirmed : Position.after(pending);
        }

        /** Whether a command is on its way that the meter has not confirmed yet. */
        public boolean awaitsConfirmation() {
            return pending != null;
        }
    }

    /**
     * What a projection keeps of an account: from the account's events its balance, outstanding debt, highest
     * warning level since money last came in, whether it is depleted (cut-off level reached, reconnect level not yet)
     * and closed; from its meter's supply events the supply.
     */
    public record Facts(long balanceMinor, long debtMinor, int warningLevel, boolean depleted, boolean closed,
                        Supply supply) {
        public Facts {
            if (supply == null) {
                throw new IllegalArgumentException("an account's facts include its supply");
            }
        }
    }
}
