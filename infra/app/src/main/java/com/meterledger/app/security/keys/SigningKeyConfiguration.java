package com.meterledger.app.security.keys;

import com.meterledger.edge.security.KeyCipher;
import com.meterledger.app.security.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

import java.time.Clock;

/**
 * The embedded issuer's signing keys, stored encrypted and shared by all nodes (see {@link SigningKeys}). Only with
 * the embedded issuer: an external issuer signs with its own keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
public class SigningKeyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);
    /** The profile of every deployment (compose, Kubernetes): no development defaults for credentials. */
    public static final String DEPLOY_PROFILE = "deploy";
    /**
     * The local run's and the tests' key-encryption key. Public, so it protects nothing: the {@code deploy} profile
     * refuses to start with it or without a key of its own.
     */
    static final String DEVELOPMENT_ENCRYPTION_KEY = "bWV0ZXJsZWRnZXItZGV2LW9ubHkta2V5LTMyLWJ5dGU=";

    @Bean
    KeyCipher signingKeyCipher(SigningKeyProperties properties, Environment environment) {
        return KeyCipher.fromBase64(encryptionKey(properties.encryptionKey(),
                environment.acceptsProfiles(Profiles.of(DEPLOY_PROFILE))));
    }

    /** The configured key, or the development key outside the deploy profile; refused in it when missing or public. */
    static String encryptionKey(String configured, boolean deploy) {
        if (StringUtils.hasText(configured)) {
            if (deploy && configured.strip().equals(DEVELOPMENT_ENCRYPTION_KEY)) {
                throw new IllegalStateException(SigningKeyProperties.ENCRYPTION_KEY_SETTING
                        + " is the public development key, refused in the '" + DEPLOY_PROFILE + "' profile");
            }
            return configured;
        }
        if (deploy) {
            throw new IllegalStateException(SigningKeyProperties.ENCRYPTION_KEY_SETTING
                    + " (METERLEDGER_SIGNING_KEY_ENCRYPTION_KEY) is required in the '" + DEPLOY_PROFILE
                    + "' profile: base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        log.warn("issuer signing keys are sealed with the public development key: set {} outside local runs",
                SigningKeyProperties.ENCRYPTION_KEY_SETTING);
        return DEVELOPMENT_ENCRYPTION_KEY;
    }

    @Bean
    SigningKeyStore signingKeyStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, KeyCipher cipher) {
        return new SigningKeyStore(jdbc, transactions, cipher);
    }

    /** Also the JWK source of the JWKS endpoint and of the decoder: the current key and the retired ones still verifying. */
    @Bean
    SigningKeys signingKeys(SigningKeyStore store, SigningKeyProperties properties, AuthProperties auth) {
        return new SigningKeys(store, properties, auth.tokenTimeToLive(), Clock.systemUTC());
    }

    /** Signs with the current key only; SAS uses this encoder instead of one over the whole published set. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signing());
    }
}
