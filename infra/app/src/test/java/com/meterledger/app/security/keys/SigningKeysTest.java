package com.meterledger.app.security.keys;

import com.meterledger.edge.security.KeyCipher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.MeterLedgerApplication;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import com.meterledger.embedded.TestSearchNode;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The issuer's signing keys outlive a node: a token one node signs is accepted by another node on the same database
 * and by a node started after the first one stopped; rotation keeps the old key verifying; nodes racing to make the
 * first key make one; the private key is stored sealed.
 */
class SigningKeysTest extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SigningKeys keys;
    @Autowired
    SigningKeyStore store;

    @Test
    void givenTwoNodesOnOneDatabaseWhenEachIssuesATokenThenTheOtherAcceptsItAndSoDoesANodeStartedAfterARestart()
            throws Exception {
        String fromNodeOne = TestTokens.clientCredentials(port, "tenant-a-admin", "test-secret-a");
        String fromNodeTwo;
        try (ConfigurableApplicationContext nodeTwo = startNode()) {
            int portTwo = portOf(nodeTwo);
            assertThat(me(portTwo, fromNodeOne)).isEqualTo(200);

            fromNodeTwo = TestTokens.clientCredentials(portTwo, "tenant-b-admin", "test-secret-b");
            assertThat(me(port, fromNodeTwo)).isEqualTo(200);
            assertThat(get(portTwo, "/oauth2/jwks", null).body()).contains(kidOf(fromNodeOne), kidOf(fromNodeTwo));
        }
        // node two stopped; a node starting afresh (its restart) keeps no key in memory from before
        try (ConfigurableApplicationContext restarted = startNode()) {
            int portRestarted = portOf(restarted);
            assertThat(me(portRestarted, fromNodeTwo)).isEqualTo(200);
            assertThat(me(portRestarted, fromNodeOne)).isEqualTo(200);
        }
    }

    @Test
    void givenATokenSignedBeforeARotationWhenTheKeyRotatesThenItStillVerifiesAndNewTokensCarryTheNewKid()
            throws Exception {
        String before = TestTokens.clientCredentials(port, "tenant-a-admin", "test-secret-a");
        String oldKid = kidOf(before);

        String newKid = keys.rotateNow();
        String after = TestTokens.clientCredentials(port, "tenant-a-admin", "test-secret-a");

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kidOf(after)).isEqualTo(newKid);
        assertThat(me(port, before)).isEqualTo(200);
        assertThat(me(port, after)).isEqualTo(200);
        JsonNode published = JSON.readTree(get(port, "/oauth2/jwks", null).body()).get("keys");
        List<String> kids = new ArrayList<>();
        published.forEach(key -> {
            kids.add(key.get("kid").asText());
            assertThat(key.has("d")).as("a published key has no private part").isFalse();
        });
        assertThat(kids).contains(oldKid, newKid);
        assertThat(kids.get(0)).isEqualTo(newKid);
    }

    @Test
    void givenNodesCheckingAtOnceWhenRotationIsDueThenExactlyOneMakesTheNewCurrentKey() throws Exception {
        Instant currentSince = OwnerJdbc.client()
                .sql("select activated_at from issuer_signing_key where retired_at is null")
                .query(java.sql.Timestamp.class).single().toInstant();
        Instant now = Instant.now();
        // due for the key that is current now, not for one made a moment from now
        Duration period = Duration.between(currentSince, now).minusMillis(1);
        ExecutorService nodes = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Optional<String>>> checks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                checks.add(() -> store.rotateIfDue(now, period, false));
            }
            List<String> made = new ArrayList<>();
            for (Future<Optional<String>> result : nodes.invokeAll(checks)) {
                result.get().ifPresent(made::add);
            }
            assertThat(made).hasSize(1);
            assertThat(OwnerJdbc.client().sql("select kid from issuer_signing_key where retired_at is null")
                    .query(String.class).list()).containsExactly(made.get(0));
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void givenACurrentKeyWhenAnyoneInsertsASecondCurrentOneThenTheDatabaseRefusesIt() {
        assertThatThrownBy(() -> {
            try (Connection owner = OwnerJdbc.connect(); var insert = owner.prepareStatement("""
                    insert into issuer_signing_key (kid, algorithm, public_key, private_key_encrypted, activated_at)
                    values ('second-current', 'RS256', '\\x00', '\\x00', now())""")) {
                insert.executeUpdate();
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("issuer_signing_key_one_current");
    }

    @Test
    void givenTheStoredKeysThenThePrivateHalfIsSealedAndOpensOnlyWithTheConfiguredKey() {
        Map<String, Object> row = OwnerJdbc.client()
                .sql("select kid, private_key_encrypted from issuer_signing_key where retired_at is null")
                .query().singleRow();
        String kid = (String) row.get("kid");
        byte[] sealed = (byte[]) row.get("private_key_encrypted");
        byte[] pkcs8 = KeyCipher.fromBase64(SigningKeyConfiguration.DEVELOPMENT_ENCRYPTION_KEY).decrypt(kid, sealed);

        assertThat(pkcs8.length).isGreaterThan(1000);
        assertThat(indexOf(sealed, java.util.Arrays.copyOfRange(pkcs8, 0, 64))).isEqualTo(-1);
        assertThatThrownBy(() -> KeyCipher.fromBase64(java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .decrypt(kid, sealed)).isInstanceOf(KeyCipher.WrongKey.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Another node of the application on the same database and search node (arguments outrank every file). */
    private static ConfigurableApplicationContext startNode() {
        PostgresCoordinates postgres = TestPostgres.coordinates();
        return new SpringApplicationBuilder(MeterLedgerApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--meterledger.stripe.api-base=" + StripeFake.baseUrl(),
                "--meterledger.search.uris=" + TestSearchNode.uri(),
                "--spring.jmx.enabled=false");
    }

    private static int portOf(ConfigurableApplicationContext node) {
        return ((ServletWebServerApplicationContext) node).getWebServer().getPort();
    }

    private static int me(int port, String token) throws Exception {
        return get(port, "/api/me", token).statusCode();
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
