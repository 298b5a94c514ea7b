package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** An occupant's payment link opens one account's balance, and nothing else, until it expires or is revoked. */
class PaymentLinkTest extends IntegrationTest {
    private static final String SECRET = "test-payment-link-secret-0123456789abcdef";

    private Fixture a;
    private Fixture b;
    private String linkId;
    private String token;

    @BeforeEach
    void aFreshLink() {
        a = Fixture.of("a", port);
        b = Fixture.of("b", port);
        Http.Answer issued = Http.send(port, "POST", "/api/accounts/%s/payment-links".formatted(a.accountId()),
                RoleTokens.of("tenant-a-finance", port), null);
        assertThat(issued.status()).isEqualTo(201);
        linkId = issued.json().get("linkId").asText();
        token = issued.json().get("token").asText();
        assertThat(issued.json().get("url").asText())
                .isEqualTo("http://occupants.test/pay/" + a.accountId() + "?token=" + token);
    }

    @Test
    void theLinkShowsItsAccountsBalanceAndNothingMore() {
        Http.Answer balance = open(a.accountId(), token);
        assertThat(balance.status()).isEqualTo(200);
        assertThat(balance.json().get("accountId").asText()).isEqualTo(a.accountId());
        assertThat(balance.json().get("balanceMinor").asLong()).isPositive();
        assertThat(balance.json().has("unitId")).isFalse();
        assertThat(balance.json().has("meterId")).isFalse();
        assertThat(balance.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theLinkOpensNoOtherAccount() {
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer other = open(b.accountId(), token);
            assertThat(other.status()).isEqualTo(404);
            assertThat(other.isProblem()).isTrue();
            assertThat(other.body()).doesNotContain(b.marker()).doesNotContain(Long.toString(b.credit()));
            assertThat(log.has("payment_link_misused")).isTrue();
        }
    }

    @Test
    void theLinkIsNoBearerTokenAndABearerTokenIsNoLink() {
        assertThat(Http.send(port, "GET", "/api/accounts/" + a.accountId(), token, null).status()).isEqualTo(401);
        assertThat(Http.send(port, "GET", "/api/me", token, null).status()).isEqualTo(401);
        assertThat(open(a.accountId(), RoleTokens.of("tenant-a-admin", port)).status()).isEqualTo(401);
    }

    @Test
    void aRevokedLinkIsDeadAndOnlyItsTenantCanRevokeIt() {
        assertThat(Http.send(port, "DELETE", "/api/payment-links/" + linkId, RoleTokens.of("tenant-b-admin", port),
                null).status()).isEqualTo(404);
        assertThat(open(a.accountId(), token).status()).isEqualTo(200);
        assertThat(Http.send(port, "DELETE", "/api/payment-links/" + linkId, RoleTokens.of("tenant-a-admin", port),
                null).status()).isEqualTo(204);
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer revoked = open(a.accountId(), token);
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.isProblem()).isTrue();
            assertThat(log.has("payment_link_refused")).isTrue();
        }
    }

    @Test
    void aLinkPastItsStoredExpiryIsDead() {
        Owner.execute("update payment_link set expires_at = now() - interval '1 second' where link_id = '"
                + linkId + "'");
        assertThat(open(a.accountId(), token).status()).isEqualTo(401);
    }

    @Test
    void anExpiredOrForgedOrTamperedTokenIsRefused() throws Exception {
        assertThat(open(a.accountId(), linkToken(SECRET, a.accountId(), Instant.now().minusSeconds(1))).status())
                .isEqualTo(401);
        assertThat(open(a.accountId(), linkToken("another-secret-another-secret-another-secret",
                a.accountId(), Instant.now().plus(Duration.ofHours(1)))).status()).isEqualTo(401);
        String[] parts = token.split("\\.");
        assertThat(open(a.accountId(), parts[0] + "." + parts[1] + "x." + parts[2]).status()).isEqualTo(401);
        assertThat(open(a.accountId(), null).status()).isEqualTo(401);
    }

    @Test
    void aSignedTokenForAnotherAccountWithAnUnknownLinkIdIsRefused() throws Exception {
        // even with the secret, a link that was never issued (no stored row) opens nothing
        assertThat(open(a.accountId(), linkToken(SECRET, a.accountId(), Instant.now().plus(Duration.ofHours(1))))
                .status()).isEqualTo(401);
    }

    private Http.Answer open(String accountId, String linkToken) {
        return Http.send(port, "GET", "/pay/%s/balance%s".formatted(accountId,
                linkToken == null ? "" : "?token=" + linkToken), null, null);
    }

    private static String linkToken(String secret, String accountId, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID("pl-made-up").subject(accountId)
                .claim("tenant_id", TENANT_A).audience("meterledger-payment-link")
                .expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("payment-link+jwt")).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
