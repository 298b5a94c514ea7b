package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens that must not open anything: 401 problem details, nothing stored, a security event in the log. */
class TokenRejectionTest extends IntegrationTest {
    private static final String ISSUER = "http://meterledger.test";

    @Autowired
    JWKSource<SecurityContext> keys;

    @Test
    void aTokenMintedWithTheIssuersKeyAndRightClaimsIsAccepted() throws Exception {
        Http.Answer me = Http.send(port, "GET", "/api/me", mint(claims -> {
        }), null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("tenant").asText()).isEqualTo(TENANT_A);
    }

    @Test
    void noToken() {
        assertRefused(null);
    }

    @Test
    void expiredToken() throws Exception {
        assertRefused(mint(claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))));
    }

    @Test
    void wrongIssuer() throws Exception {
        assertRefused(mint(claims -> claims.issuer("https://evil.example")));
    }

    @Test
    void wrongAudience() throws Exception {
        assertRefused(mint(claims -> claims.audience("another-api")));
    }

    @Test
    void noAudience() throws Exception {
        assertRefused(mint(claims -> claims.audience((String) null)));
    }

    @Test
    void tamperedPayloadKeepsTheOldSignature() throws Exception {
        String[] parts = mint(claims -> {
        }).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(TENANT_A, TENANT_B);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(forged);
    }

    @Test
    void signedWithAnotherKey() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertRefused(sign(stranger, baseClaims().build()));
    }

    @Test
    void unsignedToken() throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
                baseClaims().build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + body + ".");
    }

    @Test
    void garbage() {
        assertRefused("not-a-token");
    }

    @Test
    void aRefusedTokenStoresNothing() throws Exception {
        String expired = mint(claims -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
        Http.Answer answer = Http.send(port, "POST", "/api/properties", expired, """
                {"propertyId":"never-stored","name":"x"}""");
        assertThat(answer.status()).isEqualTo(401);
        try (var owner = Owner.connect(); var rs = owner.createStatement().executeQuery(
                "select count(*) from property where property_id = 'never-stored'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private void assertRefused(String token) {
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer answer = Http.send(port, "GET", "/api/properties", token, null);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("title").asText()).isEqualTo("Authentication required");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(log.has("authentication_failed")).as(log.lines().toString()).isTrue();
        }
    }

    private JWTClaimsSet.Builder baseClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("meterledger-api")
                .subject("minted-in-test")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim(Caller.TENANT_CLAIM, TENANT_A)
                .claim(Caller.ROLES_CLAIM, List.of(Roles.TENANT_ADMIN));
    }

    private String mint(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = baseClaims();
        change.accept(claims);
        RSAKey key = (RSAKey) keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
        return sign(key, claims.build());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
