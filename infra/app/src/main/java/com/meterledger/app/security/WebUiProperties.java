package com.meterledger.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web UI's OAuth2 client at the issuer. Blank with the embedded issuer: the embedded login client
 * ({@code meterledger.auth.login-client}) is used. With an external issuer: the client registered there, whose
 * redirect URI is {@code <app>/ui/login/oauth2/code/meterledger}.
 */
@ConfigurationProperties("meterledger.ui")
public record WebUiProperties(String clientId, String clientSecret) {
}
