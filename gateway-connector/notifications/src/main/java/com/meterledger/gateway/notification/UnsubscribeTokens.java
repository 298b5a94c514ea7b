package com.meterledger.gateway.notification;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random part of an alert's unsubscribe link: 24 bytes (192 bits) from a strong source, so it cannot be guessed.
 * It opens one thing only, turning that occupant's low-balance alerts off, so it is kept as it is in the deletable
 * contact row (the link in every alert must be written again from it) and a new one replaces it at each choice.
 */
final class UnsubscribeTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UnsubscribeTokens() {
    }

    static String next() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
