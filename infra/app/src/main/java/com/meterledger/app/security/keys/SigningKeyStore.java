package com.meterledger.app.security.keys;

import com.meterledger.edge.security.KeyCipher;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The issuer's signing keys in PostgreSQL ({@code issuer_signing_key}), private halves sealed by {@link KeyCipher}.
 * Nodes that start or rotate at the same moment take one transaction-scoped advisory lock first, so exactly one of
 * them creates the new key and the others find it; the partial unique index on the current key is the backstop.
 */
public class SigningKeyStore {
    /** The advisory lock's key: 'MLSK' (MeterLedger signing key), a name no other lock in the schema uses. */
    static final long ROTATION_LOCK = 0x4d4c534bL;
    private static final String ALGORITHM = JWSAlgorithm.RS256.getName();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyCipher cipher;

    public SigningKeyStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, KeyCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.cipher = cipher;
    }

    /** A key as published: the current one (it signs) holds its private half, a retired one only its public half. */
    public record StoredKey(RSAKey key, Instant activatedAt, Optional<Instant> retiredAt) {
        public boolean current() {
            return retiredAt.isEmpty();
        }
    }

    /**
     * Creates a new current key (retiring the one before) when there is none or it is due, or always when
     * {@code force}; otherwise changes nothing.
     *
     * @return the new key's id, or empty when the current key stays
     */
    public Optional<String> rotateIfDue(Instant now, Duration period, boolean force) {
        return transactions.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", ROTATION_LOCK);
            Optional<Instant> activated = jdbc.query(
                    "select activated_at from issuer_signing_key where retired_at is null",
                    (rs, row) -> rs.getTimestamp(1).toInstant()).stream().findFirst();
            if (!force && !KeyRotation.verdict(activated, now, period).needsNewKey()) {
                return Optional.<String>empty();
            }
            // another node's clock may be ahead: never retire a key before it was activated
            Instant retiredAt = activated.filter(at -> at.isAfter(now)).orElse(now);
            jdbc.update("update issuer_signing_key set retired_at = ? where retired_at is null",
                    Timestamp.from(retiredAt));
            String kid = UUID.randomUUID().toString();
            KeyPair pair = newPair();
            byte[] privateKey = pair.getPrivate().getEncoded();
            try {
                jdbc.update("""
                                insert into issuer_signing_key (kid, algorithm, public_key, private_key_encrypted, activated_at)
                                values (?, ?, ?, ?, ?)""",
                        kid, ALGORITHM, pair.getPublic().getEncoded(), cipher.encrypt(kid, privateKey),
                        Timestamp.from(retiredAt));
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
            return Optional.of(kid);
        });
    }

    /** The current key and the keys retired at or after {@code retiredSince}, newest first. */
    public List<StoredKey> published(Instant retiredSince) {
        return transactions.execute(status -> jdbc.query("""
                        select kid, public_key, private_key_encrypted, activated_at, retired_at
                        from issuer_signing_key where retired_at is null or retired_at >= ?
                        order by retired_at is null desc, activated_at desc""",
                (rs, row) -> {
                    String kid = rs.getString("kid");
                    Timestamp retired = rs.getTimestamp("retired_at");
                    RSAKey.Builder key = new RSAKey.Builder(publicKey(rs.getBytes("public_key")))
                            .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
                    if (retired == null) {
                        key.privateKey(privateKey(kid, rs.getBytes("private_key_encrypted")));
                    }
                    return new StoredKey(key.build(), rs.getTimestamp("activated_at").toInstant(),
                            Optional.ofNullable(retired).map(Timestamp::toInstant));
                }, Timestamp.from(retiredSince)));
    }

    /** Deletes keys retired before {@code retiredBefore}: no token they signed is still alive. */
    public int forgetRetiredBefore(Instant retiredBefore) {
        return transactions.execute(status -> jdbc.update(
                "delete from issuer_signing_key where retired_at < ?", Timestamp.from(retiredBefore)));
    }

    private RSAPrivateKey privateKey(String kid, byte[] sealed) {
        byte[] plain = cipher.decrypt(kid, sealed);
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " is not an RSA private key", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static RSAPublicKey publicKey(byte[] encoded) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored public key is not an RSA key", e);
        }
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
