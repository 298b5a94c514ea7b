package com.meterledger.tenantadmin.platform;

import com.meterledger.api.platform.AddPlatformPerson;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.api.platform.RecordPlatformSignInLockout;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.signup.Passwords;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's operators as people (issue 16 item 7): an e-mail address, a bcrypt password hash and a state, with
 * role {@code PLATFORM_ADMIN} and no tenant. They sign in at the same login page as a tenant's staff (looked up after
 * the staff, so a tenant's person is never turned into an operator) and are locked out with the staff's back-off
 * ({@link SignInGuard#backOff}) after {@code meterledger.people.sign-in-failures} wrong passwords. Each operator made
 * and each lockout is an event of {@link PlatformPerson} naming its actor; the address and the hash never are.
 *
 * <p>There is no page to make operators: the first is made by the demo seeding locally, and in production from the
 * environment ({@link PlatformBootstrap}); an operator's principal is {@code platform:<id>}.
 */
@Service
public class PlatformPeople {
    public static final String PRINCIPAL_PREFIX = "platform:";
    private static final Logger log = LoggerFactory.getLogger(PlatformPeople.class);
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final int failuresAllowed;
    private final Clock clock = Clock.systemUTC();

    public PlatformPeople(JdbcClient jdbc, CommandGateway commands,
                          @Value("${meterledger.people.sign-in-failures:5}") int failuresAllowed) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.failuresAllowed = failuresAllowed;
    }

    /** @param passwordHash Spring Security's encoded form ({@code {bcrypt}...}) */
    public record Operator(UUID personId, String name, String passwordHash, String state) {
        public boolean maySignIn() {
            return "ACTIVE".equals(state);
        }

        public String principal() {
            return PRINCIPAL_PREFIX + personId;
        }
    }

    /**
     * Makes an operator with this password (the staff's password rules, said by name when refused), or finds the one
     * with this address: a second start makes nothing twice.
     */
    public Operator addWithPassword(String name, String email, String password, String actor) {
        String address = People.email(email);
        Passwords.require(password, address);
        return add(name(name), address, ENCODER.encode(password), actor);
    }

    /**
     * Makes an operator whose password hash was made elsewhere (the production bootstrap: the environment holds the
     * hash, never the password), or finds the one with this address.
     */
    public Operator addWithHash(String name, String email, String passwordHash, String actor) {
        String address = People.email(email);
        if (passwordHash == null || !passwordHash.startsWith("{bcrypt}") && !passwordHash.startsWith("$2")) {
            throw new IllegalArgumentException("the operator's password hash must be a bcrypt hash");
        }
        return add(name(name), address, passwordHash.startsWith("$2") ? "{bcrypt}" + passwordHash : passwordHash, actor);
    }

    /** The name the pages show as signed in (and the token's name claim), as a staff person's. */
    private static String name(String name) {
        String checked = FreeText.require("name", name, FreeText.NAME);
        if (checked == null || checked.isBlank()) {
            throw new FieldRejected("name", FreeText.MALFORMED, "a name is required");
        }
        return checked.strip();
    }

    private Operator add(String name, String email, String hash, String actor) {
        Optional<Operator> existing = byEmail(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID person = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into platform_person (person_id, name, email, password_hash, state)
                        values (?, ?, ?, ?, 'ACTIVE') on conflict do nothing""")
                .params(person, name, email, hash).update();
        if (inserted == 0) {
            return byEmail(email).orElseThrow();
        }
        commands.sendAndWait(new AddPlatformPerson(PlatformPersonId.of(person)),
                MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "system"));
        log.info("Platform operator {} made by {}", PlatformPersonId.of(person), actor);
        return new Operator(person, name, hash, "ACTIVE");
    }

    @Transactional(readOnly = true)
    public Optional<Operator> byEmail(String email) {
        if (email == null || email.length() > People.EMAIL_MAX) {
            return Optional.empty();
        }
        return jdbc.sql("select person_id, name, password_hash, state from platform_person where lower(email) = lower(?)")
                .param(email).query(PlatformPeople::operator).optional();
    }

    /** The operator a principal ({@code platform:<id>}) names, if it is one. */
    @Transactional(readOnly = true)
    public Optional<Operator> byPrincipal(String principal) {
        if (principal == null || !principal.startsWith(PRINCIPAL_PREFIX)) {
            return Optional.empty();
        }
        UUID person;
        try {
            person = UUID.fromString(principal.substring(PRINCIPAL_PREFIX.length()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return jdbc.sql("select person_id, name, password_hash, state from platform_person where person_id = ?")
                .param(person).query(PlatformPeople::operator).optional();
    }

    /** Until when the operator with this address is locked out, if they are now. */
    public Optional<Instant> lockedUntil(String email) {
        return jdbc.sql("select locked_until from platform_person where lower(email) = lower(?) and locked_until > ?")
                .params(email, Timestamp.from(clock.instant())).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /** A wrong password for this address: counted, and the operator locked out when it is one too many. */
    public Optional<Instant> failed(String email) {
        if (email == null || email.length() > People.EMAIL_MAX) {
            return Optional.empty();
        }
        record Counted(UUID person, int failures, int lockouts) {
        }
        Optional<Counted> counted = jdbc.sql("""
                        update platform_person set failed_sign_ins = failed_sign_ins + 1
                        where lower(email) = lower(?) returning person_id, failed_sign_ins, lockouts""")
                .param(email)
                .query((rs, row) -> new Counted(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).optional();
        if (counted.isEmpty() || counted.get().failures() < failuresAllowed) {
            return Optional.empty();
        }
        Counted person = counted.get();
        Duration backOff = SignInGuard.backOff(person.lockouts());
        Instant until = clock.instant().plus(backOff);
        jdbc.sql("""
                        update platform_person set failed_sign_ins = 0, lockouts = lockouts + 1, locked_until = ?
                        where person_id = ?""")
                .params(Timestamp.from(until), person.person()).update();
        commands.sendAndWait(new RecordPlatformSignInLockout(PlatformPersonId.of(person.person()), person.failures(),
                until), MetaData.with(MetadataKeys.ACTOR, "sign-in").and(MetadataKeys.ORIGIN, "rest"));
        log.info("{} locked out for {} after {} failed sign-ins", PlatformPersonId.of(person.person()), backOff,
                person.failures());
        return Optional.of(until);
    }

    /** The operator signed in: the count starts again, and the next lockout is short again. */
    public void succeeded(String principal) {
        byPrincipal(principal).ifPresent(operator -> jdbc.sql("""
                        update platform_person set failed_sign_ins = 0, lockouts = 0, locked_until = null
                        where person_id = ?""").param(operator.personId()).update());
    }

    private static Operator operator(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Operator(rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getString("password_hash"),
                rs.getString("state"));
    }
}
