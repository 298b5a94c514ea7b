package com.meterledger.gateway.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code meterledger.notifications.*}: which channels are on and how they reach their transports.
 *
 * @param maxAge       events older than this are not notified (first start over old history, replays); 0 = no limit
 * @param maxAttempts  tries per channel before the failure is recorded and the processor moves on
 * @param retryBackoff pause after the first failed try, doubled after each further one
 * @param signature    the sign-off line of e-mails
 */
@ConfigurationProperties("meterledger.notifications")
public record NotificationProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("PT24H") Duration maxAge,
                                     @DefaultValue("3") int maxAttempts,
                                     @DefaultValue("PT1S") Duration retryBackoff,
                                     @DefaultValue("MeterLedger") String signature,
                                     @DefaultValue Email email,
                                     @DefaultValue Sms sms,
                                     @DefaultValue Webhook webhook) {

    /** SMTP server and sender address. */
    public record Email(@DefaultValue("false") boolean enabled,
                        @DefaultValue("localhost") String host,
                        @DefaultValue("25") int port,
                        String username,
                        String password,
                        @DefaultValue("false") boolean starttls,
                        String from,
                        @DefaultValue("PT10S") Duration timeout) {
    }

    /** A generic SMS provider: POST JSON to {@code endpoint} with the API key in {@code apiKeyHeader}. */
    public record Sms(@DefaultValue("false") boolean enabled,
                      URI endpoint,
                      @DefaultValue("X-API-Key") String apiKeyHeader,
                      String apiKey,
                      String sender,
                      @DefaultValue("PT10S") Duration timeout) {
    }

    /**
     * Signed webhooks. {@code secrets} maps a tenant id to that tenant's signing secret.
     * {@code allowInsecureUrls} lets contacts register plain-http URLs (local development only).
     */
    public record Webhook(@DefaultValue("false") boolean enabled,
                          Map<String, String> secrets,
                          @DefaultValue("PT10S") Duration timeout,
                          @DefaultValue("false") boolean allowInsecureUrls) {
    }
}
