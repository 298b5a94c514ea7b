package com.meterledger.query.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a parked sequence is retried without an operator: its first letter failed for a reason that passes by
 * itself (a deadlock between two projections' transactions, a lock or statement time-out, a connection lost), not for
 * what the event says. Seen in CI: account-projection lost a deadlock on {@code account_view} while handling a
 * meter's {@code SupplyCommandIssued}, parked it, and the 74 supply events of that meter that followed waited behind
 * it, so the account's supply state stayed as it was until someone retried the queue by hand.
 * <p>
 * Retries back off (2 s, 4 s, ... up to 5 minutes after the last failed attempt) and stop after {@link #MAX_ATTEMPTS}:
 * a failure that keeps coming back is no longer passing, and stays parked for an operator, alerted as before.
 */
public final class TransientLetters {
    static final int MAX_ATTEMPTS = 12;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    /** Spring's and JDBC's names for failures that a later attempt may not meet. */
    private static final List<String> TRANSIENT = List.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException");

    private TransientLetters() {
    }

    /** What to do with a sequence, judged by its first letter. */
    public enum Verdict {
        /** the cause is transient and its wait is over */
        RETRY_NOW,
        /** transient, retried again once its back-off has passed */
        WAIT,
        /** not transient, or still failing after every retry: an operator's */
        LEAVE_TO_OPERATOR
    }

    /**
     * @param causeType    the class name of the first letter's cause (null for a letter parked behind another)
     * @param attempts     failed handlings counted so far ({@link DeadLetterAttempts})
     * @param lastTouched  when the letter was last enqueued or retried
     */
    public static Verdict judge(String causeType, int attempts, Instant lastTouched, Instant now) {
        if (!isTransient(causeType) || attempts >= MAX_ATTEMPTS) {
            return Verdict.LEAVE_TO_OPERATOR;
        }
        Duration wait = Duration.ofSeconds(1L << Math.min(Math.max(attempts, 1), 9));
        Instant due = lastTouched.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        return now.isBefore(due) ? Verdict.WAIT : Verdict.RETRY_NOW;
    }

    /** Whether the class named is one of the transient failures or a subclass of one. */
    static boolean isTransient(String causeType) {
        if (causeType == null || causeType.isBlank()) {
            return false;
        }
        Class<?> cause;
        try {
            cause = Class.forName(causeType, false, TransientLetters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError unknown) {
            return false;
        }
        for (String name : TRANSIENT) {
            try {
                if (Class.forName(name, false, TransientLetters.class.getClassLoader()).isAssignableFrom(cause)) {
                    return true;
                }
            } catch (ClassNotFoundException | LinkageError absent) {
                // that kind of failure does not exist on this class path
            }
        }
        return false;
    }
}
