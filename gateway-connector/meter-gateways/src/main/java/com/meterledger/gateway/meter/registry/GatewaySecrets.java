package com.meterledger.gateway.meter.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Per-gateway secrets. A secret is 32 random bytes made here (never chosen by a person), so one salted SHA-256 is
 * enough to store it: nobody can brute-force 256 bits, and a fast hash keeps MQTT connects and HTTP uplink requests
 * cheap. (A password someone chose would need a slow hash; this is an API key.) Comparison is constant-time.
 */
public final class GatewaySecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewaySecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(byte[] salt, byte[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(secret);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hash(byte[] salt, String secret) {
        return hash(salt, secret.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean matches(byte[] salt, byte[] expectedHash, byte[] offered) {
        return offered != null && MessageDigest.isEqual(expectedHash, hash(salt, offered));
    }
}
