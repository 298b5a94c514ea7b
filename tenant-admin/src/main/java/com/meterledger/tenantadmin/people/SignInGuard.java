package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.RecordSignInLockout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Lockout with back-off: after {@code meterledger.people.sign-in-failures} (5) wrong passwords in a row a person is
 * locked out for one minute, then two, four, ... up to an hour for each further lockout, until a sign-in succeeds.
 * Five tries a minute at most cost a guesser years for a 12-character password; a person who mistypes waits a
 * minute. Each lockout is an event ({@code SignInLockedOut}) in every tenant the person works for, so the
 * tenant's auditors see it in the trail. The counters live in the person table; an unknown address changes nothing
 * and answers like a wrong password (no account enumeration by counting).
 *
 * <p>A lockout reached by wrong passwords or codes typed inside a session ({@link #failedWhileSignedIn}) also ends
 * the person's access at once, as a deactivation does: whoever holds that session is the one guessing, and the
 * lockout must not leave them signed in. A lockout at the sign-in page ends nothing: anyone may type an address there,
 * and that must not sign the person out.
 */
@Service
public class SignInGuard {
    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);
    static final Duration LONGEST = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final EveryMembership memberships;
    private final int failuresAllowed;
    private final Clock clock;
    private final ObjectProvider<AccessEnds> accessEnds;

    /**
     * @param accessEnds the embedded issuer's end of a person's stored authorizations; with an external issuer there is
     *                   none, and the refused tokens ({@code access_ended_at}) end the person's access alone
     */
    SignInGuard(JdbcClient jdbc, EveryMembership memberships, ObjectProvider<AccessEnds> accessEnds,
                       @Value("${meterledger.people.sign-in-failures:5}") int failuresAllowed) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.accessEnds = accessEnds;
        this.failuresAllowed = failuresAllowed;
        this.clock = Clock.systemUTC();
    }

    /** Until when the person with this address is locked out, if they are now. */
    public Optional<Instant> lockedUntil(String email) {
        return jdbc.sql("select locked_until from staff_person where lower(email) = lower(?) and locked_until > ?")
                .params(email, Timestamp.from(clock.instant())).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /** Until when this person is locked out, if they are now. */
    public Optional<Instant> lockedUntil(UUID personId) {
        return jdbc.sql("select locked_until from staff_person where person_id = ? and locked_until > ?")
                .params(personId, Timestamp.from(clock.instant())).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /** A wrong password for this address: counted, and the person locked out when it is one too many. */
    public Optional<Instant> failed(String email) {
        if (email == null || email.length() > People.EMAIL_MAX) {
            return Optional.empty();
        }
        return jdbc.sql("select person_id from staff_person where lower(email) = lower(?)").param(email)
                .query(UUID.class).optional().flatMap(this::failed);
    }

    /**
     * A wrong password or second-factor code of this person: counted with the other failures, so a person who knows
     * the password still has five tries at the code before the lockout.
     */
    public Optional<Instant> failed(UUID personId) {
        return failed(personId, false);
    }

    /** @param endsAccess the failure was typed inside a session, whose access the lockout ends */
    private Optional<Instant> failed(UUID personId, boolean endsAccess) {
        record Counted(UUID person, int failures, int lockouts) {
        }
        Optional<Counted> counted = jdbc.sql("""
                        update staff_person set failed_sign_ins = failed_sign_ins + 1
                        where person_id = ? returning person_id, failed_sign_ins, lockouts""")
                .param(personId)
                .query((rs, row) -> new Counted(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).optional();
        if (counted.isEmpty() || counted.get().failures() < failuresAllowed) {
            return Optional.empty();
        }
        Counted person = counted.get();
        Duration backOff = backOff(person.lockouts());
        Instant until = clock.instant().plus(backOff);
        jdbc.sql("""
                        update staff_person set failed_sign_ins = 0, lockouts = lockouts + 1, locked_until = ?
                        where person_id = ?""")
                .params(Timestamp.from(until), person.person()).update();
        if (endsAccess) {
            endAccessOf(person.person());
        }
        memberships.record(person.person(), "sign-in",
                member -> new RecordSignInLockout(member, person.failures(), until));
        log.info("person:{} locked out for {} after {} failed sign-ins", person.person(), backOff, person.failures());
        return Optional.of(until);
    }

    /**
     * A wrong password or code of a signed-in person (confirming a change of their own second factor): counted as at
     * sign-in, and the lockout it may reach ends the person's access in every tenant at once: their refresh tokens are
     * deleted and the access tokens issued up to now are refused, so the session that guessed ends with its next
     * request (the API answers 401, the web UI signs out).
     *
     * @return the lockout's end when this failure was one too many
     */
    public Optional<Instant> failedWhileSignedIn(UUID personId) {
        return failed(personId, true);
    }

    /** Before the lockout's events: the access ends even where recording one of them fails. */
    private void endAccessOf(UUID personId) {
        jdbc.sql("update staff_person set access_ended_at = ? where person_id = ?")
                .params(Timestamp.from(clock.instant()), personId).update();
        accessEnds.ifAvailable(ends -> ends.endAccessOf(new PersonId(personId)));
        log.info("person:{} locked out inside a session: their sessions and tokens are ended", personId);
    }

    /** A sign-in succeeded (every step of it): the count starts again, and the next lockout is short again. */
    public void succeeded(UUID person) {
        jdbc.sql("update staff_person set failed_sign_ins = 0, lockouts = 0, locked_until = null where person_id = ?")
                .param(person).update();
    }

    /** 1 minute for the first lockout, doubling with each one after, at most {@link #LONGEST}. */
    public static Duration backOff(int earlierLockouts) {
        Duration backOff = Duration.ofMinutes(1L << Math.min(earlierLockouts, 6));
        return backOff.compareTo(LONGEST) > 0 ? LONGEST : backOff;
    }
}
