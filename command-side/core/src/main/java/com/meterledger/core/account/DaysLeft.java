package com.meterledger.core.account;

/**
 * How many days a balance lasts at the account's recent rate of use: the balance divided by the average daily cost
 * of the last days, rounded down (an occupant told "3 days" should not find supply off on the third). What the
 * occupant's portal says next to the balance.
 */
public final class DaysLeft {
    private DaysLeft() {
    }

    /** The named answer. */
    public sealed interface Estimate permits Days, NothingLeft, NoRecentUse {
    }

    /** The balance lasts {@code days} more whole days at the recent rate. */
    public record Days(long days) implements Estimate {
    }

    /** The balance is at or below zero: the account is already living on credit or cut off. */
    public record NothingLeft() implements Estimate {
    }

    /** Nothing was charged in the recent days, so no rate to divide by. */
    public record NoRecentUse() implements Estimate {
    }

    /**
     * @param balanceMinor the balance now
     * @param chargedMinor what was charged over the recent {@code days} (a positive amount)
     * @param days         how many days that covers (at least one)
     */
    public static Estimate of(long balanceMinor, long chargedMinor, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a rate needs at least one day, not " + days);
        }
        if (balanceMinor <= 0) {
            return new NothingLeft();
        }
        if (chargedMinor <= 0) {
            return new NoRecentUse();
        }
        // balance / (charged / days), in exact integers: no double on a money path
        return new Days(Math.multiplyExact(balanceMinor, days) / chargedMinor);
    }
}
