package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.RecordSecondFactorEnrolment;
import com.meterledger.api.people.RecordSecondFactorRemoval;
import com.meterledger.edge.security.KeyCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's optional TOTP second factor ({@link Totp}). The shared secret lives only in the person's own row of the
 * deletable person table, never in an event or a log line; enrolling needs a code from the app, so a secret that
 * never reached the app cannot lock the person out. Enrolment is an event ({@code SecondFactorEnrolled}) in every
 * tenant the person works for, and so is its removal ({@code SecondFactorRemoved}), by the person or an administrator.
 *
 * <p>The secret is stored sealed ({@code totp_key_sealed}, V244): AES-256-GCM under the same key-encryption key and
 * the same {@link KeyCipher} as the issuer's signing keys, with {@code totp:<person>} as associated data, so a copy of
 * the table (a backup, a replica, a support dump) cannot mint codes, and a sealed key moved to another person's row does
 * not open. Rows written in clear before V244 ({@code totp_secret}) are sealed at start-up, and by the first read of a
 * row an older node wrote during a rolling update; the clear column is then emptied.
 *
 * <p>The platform's operators hold a second factor the same way ({@link Holder#OPERATOR}: {@code platform_person},
 * V259, associated data {@code totp:platform:<id>}): the same code check, the same sealing, one place for both.
 */
@Service
public class SecondFactors implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);
    private final JdbcClient jdbc;
    private final EveryMembership memberships;
    private final ObjectProvider<KeyCipher> ciphers;
    private final ObjectProvider<AccessEnds> accessEnds;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param ciphers the embedded issuer's key cipher; there is none with an external issuer, whose people have no
     *                second factor here
     */
    SecondFactors(JdbcClient jdbc, EveryMembership memberships, ObjectProvider<KeyCipher> ciphers,
                  ObjectProvider<AccessEnds> accessEnds) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.ciphers = ciphers;
        this.accessEnds = accessEnds;
    }

    /** Seals the keys stored in clear before V244; idempotent, and nodes starting together do not clash. */
    @Override
    public void run(ApplicationArguments arguments) {
        KeyCipher cipher = ciphers.getIfAvailable();
        if (cipher == null) {
            return;
        }
        List<UUID> clear = jdbc.sql("select person_id from staff_person where totp_secret is not null")
                .query(UUID.class).list();
        int sealed = 0;
        for (UUID person : clear) {
            sealed += sealClear(person, cipher) ? 1 : 0;
        }
        if (sealed > 0) {
            log.info("sealed {} second-factor keys stored in clear", sealed);
        }
    }

    /** Whose key: a tenant's person or a platform operator, each in their own table. */
    public enum Holder {
        STAFF("staff_person", "totp:"),
        OPERATOR("platform_person", "totp:platform:");

        private final String table;
        private final String sealedFor;

        Holder(String table, String sealedFor) {
            this.table = table;
            this.sealedFor = sealedFor;
        }

        /** The associated data: a sealed key opens for its own holder only. */
        String owner(UUID id) {
            return sealedFor + id;
        }
    }

    public boolean enrolled(UUID person) {
        return enrolled(Holder.STAFF, person);
    }

    public boolean enrolled(Holder holder, UUID id) {
        return secretOf(holder, id).isPresent();
    }

    /** Whether the code is the person's current one (no second factor: never). */
    public boolean verify(UUID person, String code) {
        return verify(Holder.STAFF, person, code);
    }

    public boolean verify(Holder holder, UUID id, String code) {
        return secretOf(holder, id).map(secret -> Totp.verify(secret, code, clock.instant())).orElse(false);
    }

    /**
     * Keeps the secret the app was given, sealed in the holder's row, once the app's first code matches it; the
     * caller records the enrolment as the holder's event.
     *
     * @return whether the code matched and the secret is now the holder's
     */
    public boolean keep(Holder holder, UUID id, String secret, String code) {
        if (secret == null || !Totp.verify(secret, code, clock.instant())) {
            return false;
        }
        jdbc.sql("update " + holder.table + " set totp_key_sealed = ?, totp_enrolled_at = ?"
                        + (holder == Holder.STAFF ? ", totp_secret = null" : "") + " where person_id = ?")
                .params(cipher().encrypt(holder.owner(id), secret.getBytes(StandardCharsets.US_ASCII)),
                        Timestamp.from(clock.instant()), id).update();
        return true;
    }

    /**
     * Keeps the secret the app was given once the app's first code matches it.
     *
     * @return whether the code matched and the secret is now the person's
     */
    public boolean enrol(UUID person, String secret, String code) {
        if (!keep(Holder.STAFF, person, secret, code)) {
            return false;
        }
        memberships.record(person, "person:" + person, RecordSecondFactorEnrolment::new);
        return true;
    }

    /**
     * Takes the person's key away and records it in every tenant they work for, with its actor: the person at their
     * own request, or a tenant's administrator for a lost phone; the key is in no event. The key and the events go
     * together.
     *
     * @param actor who removes it, as events name actors ({@code person:<id>})
     * @return whether there was a key
     */
    @Transactional
    public boolean remove(UUID person, String actor) {
        if (!forget(Holder.STAFF, person)) {
            return false;
        }
        memberships.record(person, actor, RecordSecondFactorRemoval::new);
        return true;
    }

    /**
     * Resets a lost second factor for the person (a tenant's administrator or a platform operator does it): the key is
     * removed as by {@link #remove}, and whoever holds the lost phone's sessions is signed out: the access tokens issued
     * before are refused ({@code second_factor_reset_at}) and the stored authorizations are deleted.
     *
     * @param actor who resets it, as events name actors
     */
    @Transactional
    public void resetLost(UUID person, String actor) {
        remove(person, actor);
        jdbc.sql("update staff_person set second_factor_reset_at = ? where person_id = ?")
                .params(Timestamp.from(clock.instant()), person).update();
        accessEnds.ifAvailable(ends -> ends.endAccessOf(new PersonId(person)));
    }

    /**
     * Takes the holder's key away; the caller records the removal as the holder's event.
     *
     * @return whether there was a key
     */
    public boolean forget(Holder holder, UUID id) {
        return jdbc.sql("update " + holder.table + " set totp_key_sealed = null, totp_enrolled_at = null"
                        + (holder == Holder.STAFF ? ", totp_secret = null" : "")
                        + " where person_id = ? and totp_key_sealed is not null")
                .param(id).update() == 1;
    }

    private Optional<String> secretOf(Holder holder, UUID id) {
        KeyCipher cipher = ciphers.getIfAvailable();
        if (cipher == null) {
            return Optional.empty();
        }
        if (holder == Holder.STAFF) {
            sealClear(id, cipher);
        }
        return jdbc.sql("select totp_key_sealed from " + holder.table
                        + " where person_id = ? and totp_key_sealed is not null")
                .param(id).query(byte[].class).optional()
                .map(sealed -> new String(cipher.decrypt(holder.owner(id), sealed), StandardCharsets.US_ASCII));
    }

    /** Seals a key an older version stored in clear; the clear value must still be the one read (another node). */
    private boolean sealClear(UUID person, KeyCipher cipher) {
        Optional<String> clear = jdbc.sql("select totp_secret from staff_person where person_id = ? "
                + "and totp_secret is not null").param(person).query(String.class).optional();
        return clear.filter(secret -> jdbc.sql("update staff_person set totp_key_sealed = ?, totp_secret = null "
                        + "where person_id = ? and totp_secret = ?")
                .params(cipher.encrypt(Holder.STAFF.owner(person), secret.getBytes(StandardCharsets.US_ASCII)),
                        person, secret)
                .update() == 1).isPresent();
    }

    private KeyCipher cipher() {
        KeyCipher cipher = ciphers.getIfAvailable();
        if (cipher == null) {
            throw new IllegalStateException("second factors are the embedded issuer's: there is no key cipher with an "
                    + "external issuer");
        }
        return cipher;
    }
}
