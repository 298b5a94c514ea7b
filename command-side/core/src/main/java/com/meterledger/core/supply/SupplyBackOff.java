package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyAction;

import java.time.Duration;
import java.time.Instant;

/**
 * Why the reconciler stops hammering a meter no gateway can reach: without it, every few passes re-issued the CUT or
 * RESTORE of an unreachable meter, and each one stored a decision, a command, its time-outs and its abandonment, for
 * ever. After an abandonment the same action waits {@code base}, then {@code 2 x base}, {@code 4 x base}... up to
 * {@code cap}, so an unreachable meter costs a number of commands that grows with the logarithm of the time it stays
 * unreachable (then one per {@code cap}).
 * <p>
 * The back-off holds the reconciler only. It ends when the meter can be reached again (a reading, a confirmation, a
 * gateway back online or newly attached: the meter's events say so), and it does not hold a different action: a
 * meter whose abandoned CUT is waiting gets a RESTORE at once when its account now intends supply on. This state is
 * the meter's, kept from its events ({@code SupplyRetryDeferred}), so every node and every restart judges alike.
 *
 * @param action             the action whose commands were abandoned
 * @param abandonmentsInARow how many of its commands were abandoned in a row, with no sign of the meter in between
 * @param notBefore          the reconciler issues {@code action} again from this moment
 */
public record SupplyBackOff(SupplyAction action, int abandonmentsInARow, Instant notBefore) {
    public SupplyBackOff {
        if (action == null || abandonmentsInARow < 1 || notBefore == null) {
            throw new IllegalArgumentException("a back-off follows at least one abandoned command");
        }
    }

    /** What the reconciler may do about a meter's relay, named for the record and the tests. */
    public enum Verdict {
        /** no command to the meter was abandoned since it was last reachable */
        ISSUE_NOT_BACKING_OFF(true),
        /** the account now intends the other action than the one abandoned: it is a new question */
        ISSUE_INTENT_CHANGED(true),
        /** the wait after the last abandonment is over: try once more */
        ISSUE_WAIT_OVER(true),
        /** the same action was abandoned lately: wait until {@link #notBefore} */
        WAIT(false);

        private final boolean issues;

        Verdict(boolean issues) {
            this.issues = issues;
        }

        public boolean issues() {
            return issues;
        }
    }

    /** @param backOff the meter's back-off, null when it has none */
    public static Verdict judge(SupplyBackOff backOff, SupplyAction intended, Instant now) {
        if (backOff == null) {
            return Verdict.ISSUE_NOT_BACKING_OFF;
        }
        if (intended != backOff.action) {
            return Verdict.ISSUE_INTENT_CHANGED;
        }
        return now.isBefore(backOff.notBefore) ? Verdict.WAIT : Verdict.ISSUE_WAIT_OVER;
    }

    /**
     * The back-off after a command of {@code action} was abandoned at {@code at}: one more in a row when the previous
     * abandonment was of the same action, else the first.
     *
     * @param previous the meter's back-off before, null when it had none
     */
    public static SupplyBackOff afterAbandoned(SupplyBackOff previous, SupplyAction action, Instant at,
                                               SupplyTiming timing) {
        int inARow = previous != null && previous.action == action ? previous.abandonmentsInARow + 1 : 1;
        return new SupplyBackOff(action, inARow, at.plus(timing.backOffAfter(inARow)));
    }

    /** {@code base x 2^(n-1)}, at most {@code cap}, without overflowing for any {@code n}. */
    public static Duration delay(int abandonmentsInARow, Duration base, Duration cap) {
        int doublings = Math.max(0, abandonmentsInARow - 1);
        if (doublings >= 62 || base.compareTo(cap.dividedBy(1L << doublings)) > 0) {
            return cap;
        }
        return base.multipliedBy(1L << doublings);
    }
}
