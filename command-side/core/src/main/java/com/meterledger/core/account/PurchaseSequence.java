package com.meterledger.core.account;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;

import java.util.Optional;
import java.util.Set;

/**
 * The purchase-count check against fraud: a top-up may carry the number of the purchase it comes from (a cash
 * receipt's or a token vendor's count, 1 for the first). A number is used once; a number beyond the next expected one
 * is still credited (the money was paid) and the numbers it skipped are recorded for someone to look into. Pure: the
 * account refuses or records what this says.
 */
public final class PurchaseSequence {
    private PurchaseSequence() {
    }

    /** The numbers skipped before {@code received}: {@code expected} up to {@code received - 1}. */
    public record Gap(long expected, long received) {
    }

    /** Why a top-up with this number may not be credited, if it may not: below 1, or used on the account before. */
    public static Optional<RuleViolation> refusalOf(Long number, Set<Long> used, AccountId account) {
        if (number != null && (number < 1 || used.contains(number))) {
            return Optional.of(new RuleViolation("purchase-sequence-used",
                    "purchase number " + number + " was already used on account " + account));
        }
        return Optional.empty();
    }

    /**
     * The gap a credited number leaves after the highest number credited so far, if it leaves one. A number below
     * that highest one (a late purchase filling an earlier gap) leaves none.
     */
    public static Optional<Gap> gapBefore(Long number, long highestCredited) {
        long expected = highestCredited + 1;
        return number != null && number > expected ? Optional.of(new Gap(expected, number)) : Optional.empty();
    }
}
