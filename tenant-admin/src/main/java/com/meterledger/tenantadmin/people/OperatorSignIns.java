package com.meterledger.tenantadmin.people;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the sign-in steps ({@link SignInSteps}) and the second-factor page need of the platform's operators, so that
 * an operator's second factor goes through the staff's steps, rules and pages rather than a copy of them. The
 * platform's operators ({@code platform/PlatformPeople}) answer it; this package does not depend on that one.
 */
public interface OperatorSignIns {
    /** An operator's principal: {@code platform:<id>}. */
    String PREFIX = "platform:";

    /** The operator's name as pages and authenticator apps show it, if they may sign in. */
    Optional<String> activeName(UUID operator);

    /** A wrong code of this operator counts like a wrong password; the lockout's end when this one was too many. */
    Optional<Instant> failed(UUID operator);

    /** Every step done: the operator's count starts again. */
    void succeeded(UUID operator);

    /**
     * Keeps the key once the app's first code matches it ({@link SecondFactors#keep}) and records the enrolment as an
     * event of the operator with its actor.
     *
     * @return whether the code matched the key
     */
    boolean enrolSecondFactor(UUID operator, String secret, String code, String actor);

    /** Until when the operator is locked out, if they are now. */
    Optional<Instant> lockedUntil(UUID operator);

    /** The active operator's password hash (Spring Security's encoded form), to confirm a change of their own. */
    Optional<String> passwordHashOf(UUID operator);

    /**
     * Takes the operator's key away at their own request, confirmed by their password and code
     * ({@link SecondFactorRemovals}), as an event of the operator with themselves as actor; their sessions go on.
     *
     * @return whether there was a key
     */
    boolean removeOwnSecondFactor(UUID operator);

    /** The operator a principal {@code platform:<id>} names. */
    static Optional<UUID> operatorOf(String principal) {
        if (principal == null || !principal.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(principal.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
