package com.meterledger.edge.security;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets the application must read back for storage: the issuer's private keys and people's second-factor
 * keys. AES-256-GCM with a fresh 96-bit nonce per value (stored in front of the ciphertext) and the owner's id as
 * associated data (a key id, {@code totp:<person>}), so a ciphertext copied into another row does not decrypt. The
 * key-encryption key comes from configuration (the environment in production) and never reaches the database. One
 * class for every sealed column, in the edge so that the issuer ({@code infra/app}) and the people of
 * {@code tenant-admin} share it.
 */
public final class KeyCipher {
    /** The setting that holds the key-encryption key (environment: {@code METERLEDGER_SIGNING_KEY_ENCRYPTION_KEY}). */
    public static final String ENCRYPTION_KEY_SETTING = "meterledger.auth.signing-keys.encryption-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 32 bytes, base64 (e.g. {@code openssl rand -base64 32})
     * @throws IllegalArgumentException naming the setting when the value is not 32 bytes of base64
     */
    public static KeyCipher fromBase64(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENCRYPTION_KEY_SETTING + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(ENCRYPTION_KEY_SETTING
                    + " must be 32 bytes (base64 of 32 random bytes), not " + raw.length);
        }
        return new KeyCipher(raw);
    }

    /** @param kid the sealed value's owner (a key id, {@code totp:<person>}): it opens under that name only */
    public byte[] encrypt(String kid, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws WrongKey when the stored value was sealed under another key-encryption key, or for another owner */
    public byte[] decrypt(String kid, byte[] sealed) {
        if (sealed.length <= NONCE_BYTES) {
            throw new WrongKey(kid);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongKey(kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A stored value that does not open: the configured key-encryption key is not the one it was sealed with. */
    public static final class WrongKey extends IllegalStateException {
        WrongKey(String kid) {
            super("sealed value of " + kid + " does not decrypt with the configured "
                    + ENCRYPTION_KEY_SETTING + " (was it changed?)");
        }
    }
}
