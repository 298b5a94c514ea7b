package com.meterledger.tenantadmin.people;

import com.meterledger.api.mail.SendStaffEmail;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.tenantadmin.signup.Passwords;
import com.meterledger.tenantadmin.signup.SignUpProperties;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;


import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;



/**
 * The password reset's rows and mails, each in one transaction, acting for no caller ({@link PasswordResets} is the
 * door). The link names no tenant: a password is the person's across tenants.
 */
@Service
public class PasswordResetLinks {
    private static final Logger log = LoggerFactory.getLogger(PasswordResetLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TenantDirectory directory;
    private final SignUpProperties properties;
    private final ObjectProvider<AccessEnds> accessEnds;
    private final Duration timeToLive;
    private final Clock clock = Clock.systemUTC();

    public PasswordResetLinks(JdbcClient jdbc, CommandGateway commands, TenantDirectory directory,
                              SignUpProperties properties, ObjectProvider<AccessEnds> accessEnds,
                              @Value("${meterledger.people.password-reset-time-to-live:1h}") Duration timeToLive) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.directory = directory;
        this.properties = properties;
        this.accessEnds = accessEnds;
        this.timeToLive = timeToLive;
    }

    /** The tenants the person with this address works for (active memberships), first the one to mail as. */
    @Transactional(readOnly = true)
    public List<TenantId> tenantsOf(String email) {
        return jdbc.sql("select person_id from staff_person where lower(email) = lower(?) and state = 'ACTIVE' "
                        + "and password_hash is not null").param(email).query(UUID.class).optional()
                .map(person -> tenantsOf(person).stream().map(TenantId::new).toList()).orElse(List.of());
    }

    /**
     * Stores the link's hash and mails the link, as the tenant the person works for first (its language and zone),
     * in one transaction: no mail, no link.
     */
    @Transactional
    public void send(TenantId mailingTenant, String email) {
        record Person(UUID id, String name) {
        }
        Person person = jdbc.sql("select person_id, name from staff_person where lower(email) = lower(?)")
                .param(email).query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2))).single();
        Optional<TenantSettings> settings = directory.settingsOf(mailingTenant);
        Locale locale = directory.mailLanguage(mailingTenant);
        ZoneId zone = settings.map(TenantSettings::zone).orElse(ZoneId.of("UTC"));
        String secret = secret();
        Instant expiresAt = clock.instant().plus(timeToLive);
        jdbc.sql("insert into staff_password_reset (token_hash, person_id, expires_at) values (?, ?, ?)")
                .params(InvitationLinks.hash(secret), person.id(), Timestamp.from(expiresAt)).update();
        String link = properties.baseUrl() + "/password-reset/new?token=" + secret;
        ResourceBundle texts = ResourceBundle.getBundle(PasswordResets.class.getName(), locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .format(expiresAt.atZone(zone)) + " (" + zone.getId() + ")";
        try {
            commands.sendAndWait(new SendStaffEmail(email, texts.getString("subject"),
                    new MessageFormat(texts.getString("body"), locale)
                            .format(new Object[]{person.name(), until, link})),
                    MetaData.with(MetadataKeys.TENANT, mailingTenant.value()).and(MetadataKeys.ACTOR, "password-reset")
                            .and(MetadataKeys.ORIGIN, "rest"));
        } catch (RuntimeException e) {
            // the answer stays the same: a failed mail must not tell that the address is known
            log.warn("A password reset link could not be mailed: {}: {}", e.getClass().getSimpleName(),
                    e.getMessage());
            throw new MailFailed(e);
        }
    }

    /** A changed password: whose, and the memberships (tenant, member id) to record it in. */
    public record Changed(UUID person, List<String[]> members) {
    }

    /**
     * The new password, the link used up, the person's other links closed and their authorizations ended, in one
     * transaction.
     */
    @Transactional
    public Changed change(String tokenHash, String password) {
        Instant now = clock.instant();
        record Row(UUID person, String email) {
        }
        Row row = tokenHash == null ? null : jdbc.sql("""
                        select r.person_id, p.email from staff_password_reset r join staff_person p using (person_id)
                        where r.token_hash = ? and r.used_at is null and r.expires_at > ? and p.state = 'ACTIVE'
                        for update of r""")
                .params(tokenHash, Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2))).optional().orElse(null);
        if (row == null) {
            throw PasswordResets.invalid();
        }
        Passwords.require(password, row.email());
        jdbc.sql("""
                        update staff_person set password_hash = ?, failed_sign_ins = 0, lockouts = 0,
                                                locked_until = null, password_changed_at = ?
                        where person_id = ?""")
                .params(InvitationLinks.PASSWORDS.encode(password), Timestamp.from(now), row.person()).update();
        jdbc.sql("update staff_password_reset set used_at = ? where person_id = ? and used_at is null")
                .params(Timestamp.from(now), row.person()).update();
        accessEnds.ifAvailable(ends -> ends.endAccessOf(new PersonId(row.person())));
        log.info("person:{} chose a new password; their authorizations ended", row.person());
        return new Changed(row.person(), jdbc.sql("select tenant_id, member_id from staff_members_of(?)")
                .param(row.person()).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list());
    }

    @Transactional(readOnly = true)
    public Optional<UUID> open(String tokenHash) {
        return tokenHash == null ? Optional.empty() : jdbc.sql("""
                        select r.person_id from staff_password_reset r join staff_person p using (person_id)
                        where r.token_hash = ? and r.used_at is null and r.expires_at > ? and p.state = 'ACTIVE'""")
                .params(tokenHash, Timestamp.from(clock.instant())).query(UUID.class).optional();
    }

    private List<String> tenantsOf(UUID person) {
        return jdbc.sql("select tenant_id from staff_members_of(?)").param(person).query(String.class).list();
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The link could not be mailed; nothing was stored. Answered like any other request, logged. */
    static class MailFailed extends RuntimeException {
        MailFailed(Throwable cause) {
            super("the reset link could not be mailed", cause);
        }
    }
}
