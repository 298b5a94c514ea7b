package com.meterledger.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * @param corsAllowedOrigins    browser origins allowed to call the API cross-origin; empty (default): none
 * @param publicRequestsPerMinute per client address, on the public doors (payment links, webhooks, token, login)
 * @param maxBodySize           the largest request body accepted anywhere
 * @param webhookRequestsPerMinute per client address on {@code /webhooks/**} (payment provider bursts)
 */
@ConfigurationProperties("meterledger.security")
public record HardeningProperties(List<String> corsAllowedOrigins, Integer publicRequestsPerMinute,
                                  DataSize maxBodySize, Integer webhookRequestsPerMinute) {
    public HardeningProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        publicRequestsPerMinute = publicRequestsPerMinute == null ? 60 : publicRequestsPerMinute;
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        webhookRequestsPerMinute = webhookRequestsPerMinute == null ? 6000 : webhookRequestsPerMinute;
    }
}
