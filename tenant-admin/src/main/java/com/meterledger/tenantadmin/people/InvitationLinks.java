package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.mail.SendStaffEmail;
import com.meterledger.api.people.AcceptInvitation;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.people.StaffRules;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.tenantadmin.signup.Passwords;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;

/**
 * The invitation's link and its acceptance, each in a transaction of the tenant it invites into. The link's secret is
 * 256 random bits; only its SHA-256 is stored, so the table leaks no usable link. The link names its tenant
 * ({@code <tenant>.<secret>}) so that its row is read under that tenant's row-level security. A link works once,
 * until it expires; a used, expired or unknown link gets one and the same answer.
 */
@Service
public class InvitationLinks {
    private static final Logger log = LoggerFactory.getLogger(InvitationLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Spring Security's delegating encoder, as sign-up's: bcrypt today, the hash names its algorithm. */
    static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TenantDirectory directory;
    private final SignUpProperties properties;
    private final Clock clock = Clock.systemUTC();

    public InvitationLinks(JdbcClient jdbc, CommandGateway commands, TenantDirectory directory,
                           SignUpProperties properties) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.directory = directory;
        this.properties = properties;
    }

    /** What the acceptance page needs to know before the person sends it. */
    public record Pending(TenantId tenant, String organisation, boolean choosesPassword) {
    }

    public record Accepted(TenantId tenant, String email, boolean chosePassword) {
    }

    /** Stores the link's hash and mails the link, in the invitation's transaction: no mail, no invitation. */
    @Transactional
    public void send(TenantId tenant, UUID person, String name, String email, Instant expiresAt, Locale locale,
                     ZoneId zone) {
        String secret = secret();
        jdbc.sql("insert into staff_invitation (tenant_id, token_hash, person_id, expires_at) values (?, ?, ?, ?)")
                .params(tenant.value(), hash(secret), person, Timestamp.from(expiresAt)).update();
        String link = properties.baseUrl() + "/invitation?token=" + tenant.value() + "." + secret;
        ResourceBundle texts = ResourceBundle.getBundle(InvitationLinks.class.getName(), locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .format(expiresAt.atZone(zone)) + " (" + zone.getId() + ")";
        String organisation = organisation(tenant);
        try {
            commands.sendAndWait(new SendStaffEmail(email,
                    new MessageFormat(texts.getString("subject"), locale).format(new Object[]{organisation}),
                    new MessageFormat(texts.getString("body"), locale)
                            .format(new Object[]{name, organisation, until, link})));
        } catch (RuntimeException e) {
            log.warn("The invitation into {} could not be mailed: {}", tenant, e.getClass().getSimpleName());
            throw new RuleViolation(StaffRules.INVITATION_MAIL_FAILED,
                    "the invitation could not be mailed; nothing was stored, try again later");
        }
    }

    @Transactional(readOnly = true)
    public Optional<Pending> pending(TenantId tenant, String tokenHash) {
        return jdbc.sql("""
                        select p.password_hash is null as chooses from staff_invitation i
                        join staff_person p using (person_id)
                        join staff_membership m on m.tenant_id = i.tenant_id and m.person_id = i.person_id
                        where i.tenant_id = ? and i.token_hash = ? and i.used_at is null and i.expires_at > ?
                          and m.state = 'INVITED'""")
                .params(tenant.value(), tokenHash, Timestamp.from(clock.instant())).query(Boolean.class).optional()
                .map(chooses -> new Pending(tenant, organisation(tenant), chooses));
    }

    /**
     * @throws RuleViolation an unknown, used or expired link (one answer for all three)
     * @throws com.meterledger.api.error.FieldRejected a password that breaks {@link Passwords}; the link still works
     */
    @Transactional
    public Accepted accept(TenantId tenant, String tokenHash, String password) {
        Instant now = clock.instant();
        record Row(UUID person, String email, String passwordHash, String memberId) {
        }
        Row row = jdbc.sql("""
                        select i.person_id, p.email, p.password_hash, m.member_id from staff_invitation i
                        join staff_person p using (person_id)
                        join staff_membership m on m.tenant_id = i.tenant_id and m.person_id = i.person_id
                        where i.tenant_id = ? and i.token_hash = ? and i.used_at is null and i.expires_at > ?
                          and m.state = 'INVITED'
                        for update of i""")
                .params(tenant.value(), tokenHash, Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getObject("person_id", UUID.class), rs.getString("email"),
                        rs.getString("password_hash"), rs.getString("member_id")))
                .optional().orElseThrow(InvitationLinks::invalid);
        boolean choosesPassword = row.passwordHash() == null;
        if (choosesPassword) {
            Passwords.require(password, row.email());
            jdbc.sql("update staff_person set password_hash = ?, state = 'ACTIVE' where person_id = ?")
                    .params(PASSWORDS.encode(password), row.person()).update();
        }
        jdbc.sql("update staff_invitation set used_at = ? where token_hash = ?")
                .params(Timestamp.from(now), tokenHash).update();
        jdbc.sql("""
                        update staff_membership set state = 'ACTIVE', accepted_at = ?, changed_at = ?
                        where tenant_id = ? and person_id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), tenant.value(), row.person()).update();
        commands.sendAndWait(new AcceptInvitation(new StaffMemberId(row.memberId())),
                MetaData.with(MetadataKeys.TENANT, tenant.value())
                        .and(MetadataKeys.ACTOR, "person:" + row.person())
                        .and(MetadataKeys.ORIGIN, "rest"));
        return new Accepted(tenant, row.email(), choosesPassword);
    }

    private String organisation(TenantId tenant) {
        return directory.find(tenant).map(summary -> summary.profile().organisationName()).orElse(tenant.value());
    }

    static RuleViolation invalid() {
        return new RuleViolation(StaffRules.INVITATION_INVALID, invalidText());
    }

    public static String invalidText() {
        return "this invitation link is unknown, already used or expired; ask for a new invitation";
    }

    public static String memberId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "sm-" + HexFormat.of().formatHex(bytes);
    }

    /** A link's secret: 256 random bits, URL-safe (operators' invitations use the same). */
    public static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a link: its secret's SHA-256, so the table leaks no usable link. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
