package com.meterledger.tenantadmin.platform;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.mail.SendStaffEmail;
import com.meterledger.api.people.StaffRules;
import com.meterledger.api.platform.AcceptPlatformInvitation;
import com.meterledger.api.platform.AddPlatformPerson;
import com.meterledger.api.platform.DeactivatePlatformPerson;
import com.meterledger.api.platform.InvitePlatformPerson;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.api.platform.PlatformRules;
import com.meterledger.api.platform.RecordPlatformSecondFactorEnrolment;
import com.meterledger.api.platform.RemovePlatformSecondFactor;
import com.meterledger.api.platform.RecordPlatformSignInLockout;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.tenantadmin.people.AccessEnds;
import com.meterledger.tenantadmin.people.InvitationLinks;
import com.meterledger.tenantadmin.people.OperatorSignIns;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.signup.Passwords;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * The platform's operators as people (issue 16 item 7): an e-mail address, a bcrypt password hash and a state, with
 * role {@code PLATFORM_ADMIN} and no tenant. They sign in at the same login page as a tenant's staff (looked up after
 * the staff, so a tenant's person is never turned into an operator) and are locked out with the staff's back-off
 * ({@link SignInGuard#backOff}) after {@code meterledger.people.sign-in-failures} wrong passwords. Each operator made
 * and each lockout is an event of {@link PlatformPerson} naming its actor; the address and the hash never are.
 *
 * <p>The first operator is made by the demo seeding locally, and in production from the environment
 * ({@link PlatformBootstrap}); operators then invite, list and deactivate each other ({@code /api/platform/operators},
 * {@code /ui/platform/operators}) with the staff's rules: the address rule ({@link People#email}), the password rules
 * ({@link Passwords}), the mailed single-use link that expires ({@link InvitationLinks}'s secret and hash, the same
 * {@code meterledger.people.invitation-time-to-live}, the same {@code invitation-invalid} answer), deactivation ending
 * access at once ({@link AccessEnds}), and the platform keeps an active operator ({@link OperatorRules}). Each change
 * is an event of {@link PlatformPerson} with its actor, and a row of {@code platform_person_change} in the same
 * transaction for the page. An operator's principal is {@code platform:<id>}.
 *
 * <p>Their second factor is the staff's ({@link SecondFactors}, {@link OperatorSignIns}): the same sign-in steps, the
 * same code check and sealing, kept in their own row (V259); enrolling is a {@code PlatformSecondFactorEnrolled} event.
 */
@Service
public class PlatformPeople implements OperatorSignIns {
    public static final String PRINCIPAL_PREFIX = OperatorSignIns.PREFIX;
    private static final Logger log = LoggerFactory.getLogger(PlatformPeople.class);
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final int failuresAllowed;
    private final StaffDirectory staff;
    private final SignUpProperties links;
    private final ObjectProvider<AccessEnds> accessEnds;
    private final Duration invitationTimeToLive;
    private final SecondFactors secondFactors;
    private final Clock clock = Clock.systemUTC();

    public PlatformPeople(JdbcClient jdbc, CommandGateway commands,
                          @Value("${meterledger.people.sign-in-failures:5}") int failuresAllowed,
                          StaffDirectory staff, SignUpProperties links, ObjectProvider<AccessEnds> accessEnds,
                          @Value("${meterledger.people.invitation-time-to-live:72h}") Duration invitationTimeToLive,
                          SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
        this.jdbc = jdbc;
        this.commands = commands;
        this.failuresAllowed = failuresAllowed;
        this.staff = staff;
        this.links = links;
        this.accessEnds = accessEnds;
        this.invitationTimeToLive = invitationTimeToLive;
    }

    /** Whom to invite. */
    public record NewOperator(String name, String email) {
    }

    /**
     * An operator as the operators' page and API show them: never a password, a link or a key.
     *
     * @param secondFactor whether they sign in with a second factor
     */
    public record OperatorView(String personId, String name, String email, String state, Instant invitedAt,
                               Instant acceptedAt, Instant changedAt, boolean secondFactor) {
    }

    /** An invitation on its way; the link is in the mail only. */
    public record Invited(OperatorView operator, Instant invitationExpiresAt) {
    }

    /** One change of an operator, with its actor's principal ({@code platform:<id>}, {@code platform-bootstrap}...). */
    public record Change(String personId, String change, String actor, Instant at) {
    }

    /** The kinds of change {@code platform_person_change} records (the page words each). */
    public static final List<String> CHANGES = List.of("ADDED", "INVITED", "ACCEPTED", "SECOND_FACTOR_ENROLLED",
            "SECOND_FACTOR_REMOVED", "LOCKED_OUT", "DEACTIVATED");

    /** Where an operator's invitation link leads (the staff's is {@code /invitation}). */
    public static final String INVITATION_PAGE = "/invitation/operator";

    @Transactional(readOnly = true)
    public List<OperatorView> list() {
        return jdbc.sql("select * from platform_person order by lower(name), person_id").query(PlatformPeople::view)
                .list();
    }

    @Transactional(readOnly = true)
    public OperatorView get(String personId) {
        return jdbc.sql("select * from platform_person where person_id = ?").param(operatorId(personId))
                .query(PlatformPeople::view).optional().orElseThrow(() -> new NotFound("operator", personId));
    }

    /** The latest changes of every operator, newest first. */
    @Transactional(readOnly = true)
    public List<Change> history(int limit) {
        return jdbc.sql("""
                        select person_id, change, actor, at from platform_person_change
                        order by at desc, change_id desc limit ?""")
                .param(Math.max(1, Math.min(limit, 500)))
                .query((rs, row) -> new Change(rs.getObject(1, UUID.class).toString(), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Invites an operator by e-mail: a single-use link that expires, mailed in the inviter's language; the invitee
     * chooses a password when they accept. The row, the link's hash, the event and the mail go together: no mail, no
     * invitation.
     *
     * @throws FieldRejected a malformed name or address
     * @throws RuleViolation the address is an operator's already, or signs in as a tenant's person; the mail failed
     */
    @Transactional
    public Invited invite(NewOperator request, String actor, Locale locale) {
        String name = name(request.name());
        String email = People.email(request.email());
        if (byEmail(email).isPresent()) {
            throw exists();
        }
        if (staff.byEmail(email).isPresent()) {
            throw new RuleViolation(PlatformRules.ADDRESS_IN_USE,
                    "this address signs in as a tenant's person; an operator needs an address of their own");
        }
        UUID person = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                            insert into platform_person (person_id, name, email, state, invited_at, changed_at)
                            values (?, ?, ?, 'INVITED', ?, ?)""")
                    .params(person, name, email, Timestamp.from(now), Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw exists();
        }
        commands.sendAndWait(new InvitePlatformPerson(PlatformPersonId.of(person)),
                MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest"));
        changed(person, "INVITED", actor);
        Instant expiresAt = now.plus(invitationTimeToLive);
        String secret = InvitationLinks.secret();
        jdbc.sql("insert into platform_invitation (token_hash, person_id, expires_at) values (?, ?, ?)")
                .params(InvitationLinks.hash(secret), person, Timestamp.from(expiresAt)).update();
        mail(name, email, inviterName(actor), expiresAt, links.baseUrl() + INVITATION_PAGE + "?token=" + secret,
                locale, actor);
        return new Invited(get(person.toString()), expiresAt);
    }

    /** Whether a link still works (the acceptance page asks before the invitee chooses a password). */
    @Transactional(readOnly = true)
    public boolean pending(String token) {
        return withoutCaller(() -> invitation(token, false).isPresent());
    }

    /**
     * The invitee accepts with the mailed link and chooses a password under the staff's rules; from then on they
     * sign in as an operator. The link works once.
     *
     * @throws RuleViolation an unknown, used or expired link ({@code invitation-invalid}, one answer for all three)
     * @throws FieldRejected a password that breaks {@link Passwords} (which rule); the link still works
     */
    @Transactional
    public OperatorView accept(String token, String password) {
        return withoutCaller(() -> {
            Invitation invitation = invitation(token, true).orElseThrow(PlatformPeople::invalid);
            Passwords.require(password, invitation.email());
            Instant now = clock.instant();
            jdbc.sql("""
                            update platform_person set password_hash = ?, state = 'ACTIVE', accepted_at = ?,
                                   changed_at = ? where person_id = ?""")
                    .params(ENCODER.encode(password), Timestamp.from(now), Timestamp.from(now), invitation.person())
                    .update();
            jdbc.sql("update platform_invitation set used_at = ? where token_hash = ?")
                    .params(Timestamp.from(now), invitation.tokenHash()).update();
            String actor = PRINCIPAL_PREFIX + invitation.person();
            commands.sendAndWait(new AcceptPlatformInvitation(PlatformPersonId.of(invitation.person())),
                    MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest"));
            changed(invitation.person(), "ACCEPTED", actor);
            return get(invitation.person().toString());
        });
    }

    /**
     * The operator signs in no more: their stored authorizations go in this transaction, and every later request
     * with a token or session of theirs is refused (the resource server asks {@link #byPrincipal}). An invitation
     * still on its way stops working. Deactivating twice changes nothing the second time.
     *
     * @throws RuleViolation the platform's last active operator ({@link OperatorRules})
     */
    @Transactional
    public OperatorView deactivate(String personId, String actor) {
        UUID person = operatorId(personId);
        // one deactivation at a time: two operators deactivating each other at once must not both pass the rule
        jdbc.sql("select pg_advisory_xact_lock(hashtext('platform_person'))").query((rs, row) -> 1).list();
        OperatorView operator = get(personId);
        if ("DEACTIVATED".equals(operator.state())) {
            return operator;
        }
        long others = jdbc.sql("select count(*) from platform_person where state = 'ACTIVE' and person_id <> ?")
                .param(person).query(Long.class).single();
        if (OperatorRules.keepsAnOperator("ACTIVE".equals(operator.state()), others)
                instanceof OperatorRules.Refused refused) {
            throw new RuleViolation(refused.rule(), refused.reason());
        }
        Instant now = clock.instant();
        commands.sendAndWait(new DeactivatePlatformPerson(PlatformPersonId.of(person)),
                MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest"));
        jdbc.sql("update platform_person set state = 'DEACTIVATED', changed_at = ? where person_id = ?")
                .params(Timestamp.from(now), person).update();
        jdbc.sql("update platform_invitation set used_at = ? where person_id = ? and used_at is null")
                .params(Timestamp.from(now), person).update();
        accessEnds.ifAvailable(ends -> ends.endAccessOfOperator(PRINCIPAL_PREFIX + person));
        changed(person, "DEACTIVATED", actor);
        log.info("Platform operator {} deactivated by {}", PlatformPersonId.of(person), actor);
        return get(personId);
    }

    /**
     * Takes an operator's second factor away (a lost or replaced phone), as an event with its actor: their sessions
     * and tokens end in this transaction, and where the platform requires a second factor their next sign-in enrols a
     * new one. An operator without one is left as they are.
     */
    @Transactional
    public OperatorView removeSecondFactor(String personId, String actor) {
        UUID person = operatorId(personId);
        get(personId);
        if (forgetSecondFactor(person, actor)) {
            accessEnds.ifAvailable(ends -> ends.endAccessOfOperator(PRINCIPAL_PREFIX + person));
        }
        return get(personId);
    }

    /**
     * The operator's own removal, confirmed by their password and code: where the platform does not require a second
     * factor. Unlike another's removal of a lost one, their sessions go on: nothing requires the key of them.
     */
    @Override
    @Transactional
    public boolean removeOwnSecondFactor(UUID operator) {
        return forgetSecondFactor(operator, PRINCIPAL_PREFIX + operator);
    }

    /** The key, its event and the page's change row go together; an operator without a key is left as they are. */
    private boolean forgetSecondFactor(UUID person, String actor) {
        if (!secondFactors.forget(SecondFactors.Holder.OPERATOR, person)) {
            return false;
        }
        commands.sendAndWait(new RemovePlatformSecondFactor(PlatformPersonId.of(person)),
                MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest"));
        changed(person, "SECOND_FACTOR_REMOVED", actor);
        log.info("Second factor of {} removed by {}", PlatformPersonId.of(person), actor);
        return true;
    }

    private record Invitation(String tokenHash, UUID person, String email) {
    }

    private Optional<Invitation> invitation(String token, boolean forUpdate) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select i.token_hash, i.person_id, p.email from platform_invitation i
                        join platform_person p using (person_id)
                        where i.token_hash = ? and i.used_at is null and i.expires_at > ? and p.state = 'INVITED'
                        """ + (forUpdate ? " for update of i" : ""))
                .params(InvitationLinks.hash(token.strip()), Timestamp.from(clock.instant()))
                .query((rs, row) -> new Invitation(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
    }

    private void mail(String name, String email, String inviter, Instant expiresAt, String link, Locale locale,
                      String actor) {
        ResourceBundle texts = ResourceBundle.getBundle("com.meterledger.tenantadmin.platform.PlatformInvitations",
                locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // an operator has no tenant and so no tenant's clock: the link's end is said in UTC, and named so
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .format(expiresAt.atZone(ZoneOffset.UTC)) + " (UTC)";
        SendStaffEmail message = new SendStaffEmail(email, texts.getString("subject"),
                new MessageFormat(texts.getString("body"), locale).format(new Object[]{name, inviter, until, link}));
        try {
            // the mail is the platform's, sent for no tenant: not under the inviting operator's token
            withoutCaller(() -> commands.sendAndWait(message,
                    MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest")));
        } catch (RuntimeException e) {
            log.warn("An operator's invitation could not be mailed: {}", e.getClass().getSimpleName());
            throw new RuleViolation(StaffRules.INVITATION_MAIL_FAILED,
                    "the invitation could not be mailed; nothing was stored, try again later");
        }
    }

    private String inviterName(String actor) {
        return byPrincipal(actor).map(Operator::name).orElse("MeterLedger");
    }

    private void changed(UUID person, String change, String actor) {
        jdbc.sql("insert into platform_person_change (person_id, change, actor, at) values (?, ?, ?, ?)")
                .params(person, change, actor, Timestamp.from(clock.instant())).update();
    }

    private static UUID operatorId(String personId) {
        try {
            return UUID.fromString(personId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("operator", FreeText.require("personId", personId, FreeText.OUTSIDE_ID));
        }
    }

    private static RuleViolation exists() {
        return new RuleViolation(PlatformRules.OPERATOR_EXISTS, "this address is an operator's already");
    }

    private static RuleViolation invalid() {
        return new RuleViolation(StaffRules.INVITATION_INVALID, InvitationLinks.invalidText());
    }


    private static OperatorView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OperatorView(rs.getObject("person_id", UUID.class).toString(), rs.getString("name"),
                rs.getString("email"), rs.getString("state"), instant(rs.getTimestamp("invited_at")),
                instant(rs.getTimestamp("accepted_at")), instant(rs.getTimestamp(
                        rs.getTimestamp("changed_at") == null ? "created_at" : "changed_at")),
                rs.getBytes("totp_key_sealed") != null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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
        changed(person, "ADDED", actor);
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

    @Override
    public Optional<Instant> lockedUntil(UUID operator) {
        return jdbc.sql("select locked_until from platform_person where person_id = ? and locked_until > ?")
                .params(operator, Timestamp.from(clock.instant())).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> passwordHashOf(UUID operator) {
        return jdbc.sql("select password_hash from platform_person where person_id = ? and state = 'ACTIVE'")
                .param(operator).query(String.class).optional();
    }

    /** A wrong password for this address: counted, and the operator locked out when it is one too many. */
    public Optional<Instant> failed(String email) {
        if (email == null || email.length() > People.EMAIL_MAX) {
            return Optional.empty();
        }
        return failedWhere("lower(email) = lower(?)", email);
    }

    /** A wrong second-factor code: counted as a wrong password is, towards the same lockout. */
    @Override
    public Optional<Instant> failed(UUID operator) {
        return failedWhere("person_id = ?", operator);
    }

    private Optional<Instant> failedWhere(String condition, Object value) {
        record Counted(UUID person, int failures, int lockouts) {
        }
        Optional<Counted> counted = jdbc.sql("update platform_person set failed_sign_ins = failed_sign_ins + 1 where "
                        + condition + " returning person_id, failed_sign_ins, lockouts")
                .param(value)
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
        changed(person.person(), "LOCKED_OUT", "sign-in");
        log.info("{} locked out for {} after {} failed sign-ins", PlatformPersonId.of(person.person()), backOff,
                person.failures());
        return Optional.of(until);
    }

    /** The operator signed in: the count starts again, and the next lockout is short again. */
    @Override
    public void succeeded(UUID operator) {
        jdbc.sql("""
                update platform_person set failed_sign_ins = 0, lockouts = 0, locked_until = null
                where person_id = ?""").param(operator).update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> activeName(UUID operator) {
        return jdbc.sql("select name from platform_person where person_id = ? and state = 'ACTIVE'").param(operator)
                .query(String.class).optional();
    }

    /** Whether the operator has a second factor (the page offers one, the sign-in asks its code). */
    public boolean secondFactorEnrolled(UUID operator) {
        return secondFactors.enrolled(SecondFactors.Holder.OPERATOR, operator);
    }

    /**
     * The key, its event and the page's change row go together; an operator enrols once (a key is never replaced by
     * a new one without a removal first).
     */
    @Override
    @Transactional
    public boolean enrolSecondFactor(UUID operator, String secret, String code, String actor) {
        if (secondFactorEnrolled(operator) || activeName(operator).isEmpty()
                || !secondFactors.keep(SecondFactors.Holder.OPERATOR, operator, secret, code)) {
            return false;
        }
        commands.sendAndWait(new RecordPlatformSecondFactorEnrolment(PlatformPersonId.of(operator)),
                MetaData.with(MetadataKeys.ACTOR, actor).and(MetadataKeys.ORIGIN, "rest"));
        changed(operator, "SECOND_FACTOR_ENROLLED", actor);
        log.info("{} enrolled a second factor", PlatformPersonId.of(operator));
        return true;
    }

    private static Operator operator(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Operator(rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getString("password_hash"),
                rs.getString("state"));
    }
}
