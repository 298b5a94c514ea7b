package com.meterledger.gateway.notification.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature a webhook receiver checks: header {@code X-MeterLedger-Signature: t=<unix seconds>,v1=<hex>} where
 * hex is HMAC-SHA256 with the tenant's secret over {@code <t> + "." + <raw body>}. Binding the timestamp lets the
 * receiver refuse replays older than a few minutes.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-MeterLedger-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp, body);
    }

    public static String hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** What a receiver does: constant-time comparison of the expected and the presented signature. */
    public static boolean verify(String secret, String header, byte[] body, long now, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        String presented = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                presented = pair[1];
            }
        }
        if (timestamp == null || presented == null || Math.abs(now - timestamp) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
