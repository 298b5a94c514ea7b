package com.meterledger.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.MeterLedgerApplication;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.KeycloakServer;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import com.meterledger.embedded.TestSearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with a real external OIDC issuer (issue 16, item 6): Keycloak, started from its server
 * distribution in its own process ({@link KeycloakServer}), with a realm whose mappers put {@code tenant_id},
 * {@code roles}, {@code properties} and our audience into access tokens exactly as the embedded issuer does
 * (SECURITY.md, "An external issuer"). A node of the application is started against it
 * ({@code meterledger.auth.embedded-issuer=false}, {@code meterledger.auth.issuer} = the realm) on the tests' one
 * database, where the shared context (the embedded issuer) made tenant-a's premises first. Keycloak's tokens are
 * checked by the API and by the web UI exactly like the embedded issuer's: the caller's tenant is served, a foreign
 * tenant's id answers the same 404 as an unknown one, a property manager sees their property only, and the embedded
 * issuer's own token is refused by the node that trusts Keycloak. Keycloak, the node and the browser are stopped at
 * the end (no process left behind); the start and the whole run are logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIssuerKeycloakTest extends IntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalIssuerKeycloakTest.class);
    private static final String WEB_CLIENT = "meterledger-web";
    private static final String WEB_SECRET = "kc-secret-web";

    private final String id = "kc-" + UUID.randomUUID().toString().substring(0, 8);
    private long begun;
    private KeycloakServer keycloak;
    private ConfigurableApplicationContext node;
    private int nodePort;

    @BeforeAll
    void keycloakAndANodeTrustingIt() {
        begun = System.nanoTime();
        // tenant-a's premises, made through the shared context (embedded issuer) on the same database
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":2500,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> landlord.get("/api/accounts/a-" + id).status() == 200
                && landlord.get("/api/accounts/a-" + id).number("balanceMinor") == 2_500);

        nodePort = KeycloakServer.freePort();
        keycloak = KeycloakServer.start(Map.of("APP_PORT", String.valueOf(nodePort), "MANAGED_PROPERTY", "p-" + id));
        long nodeBegun = System.nanoTime();
        node = startNodeTrusting(keycloak.issuer(), nodePort);
        LOG.info("the node trusting Keycloak started in {} ms", Duration.ofNanos(System.nanoTime() - nodeBegun)
                .toMillis());
    }

    @AfterAll
    void stopEverything() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (keycloak != null) {
                keycloak.close();
                assertThat(keycloak.running()).as("Keycloak and every process it started have ended").isFalse();
                LOG.info("ExternalIssuerKeycloakTest: Keycloak started in {} ms, the whole test took {} ms",
                        keycloak.startedIn().toMillis(), Duration.ofNanos(System.nanoTime() - begun).toMillis());
            }
        }
    }

    @Test
    void givenKeycloaksClientCredentialsTokenThenItCarriesOurClaimsAsTheEmbeddedIssuersTokensDo() {
        JsonNode claims = KeycloakServer.claimsOf(keycloak.clientCredentials("kc-tenant-a-admin", "kc-secret-tenant-a"));

        assertThat(claims.get("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.get("aud").asText()).isEqualTo("meterledger-api");
        assertThat(claims.get("tenant_id").asText()).isEqualTo(TENANT_A);
        assertThat(claims.get("roles").isArray()).isTrue();
        assertThat(claims.get("roles").get(0).asText()).isEqualTo("TENANT_ADMIN");
        assertThat(claims.has("properties")).isFalse();
    }

    @Test
    void givenATenantsKeycloakClientWhenItReadsItsOwnAccountThenTheNodeAnswers200WithTheBalance() {
        Api tenantA = onNode(keycloak.clientCredentials("kc-tenant-a-admin", "kc-secret-tenant-a"));

        Api.Response account = tenantA.get("/api/accounts/a-" + id);
        Api.Response me = tenantA.get("/api/me");

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.number("balanceMinor")).isEqualTo(2_500);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().toString()).contains(TENANT_A, "TENANT_ADMIN");
    }

    @Test
    void givenAForeignTenantsKeycloakClientWhenItReadsTheFirstTenantsDataThenItGetsTheSame404AsForAnUnknownId() {
        Api tenantB = onNode(keycloak.clientCredentials("kc-tenant-b-admin", "kc-secret-tenant-b"));

        Api.Response foreign = tenantB.get("/api/accounts/a-" + id);
        Api.Response unknown = tenantB.get("/api/accounts/a-" + id + "-never-made");
        Api.Response foreignUnits = tenantB.get("/api/properties/p-%s/units".formatted(id));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.body().toString()).doesNotContain("2500", "Test Court");
        assertThat(foreignUnits.status()).isIn(403, 404);
        assertThat(foreignUnits.body().toString()).doesNotContain("Flat 1");
    }

    @Test
    void givenAPropertyManagerOfKeycloakWhenTheyReadThenTheirPropertysAccountIsServedAndNoOtherProperty() {
        Api manager = onNode(keycloak.password(WEB_CLIENT, WEB_SECRET, "manager@tenant-a.test", "kc-password-m"));

        assertThat(manager.get("/api/accounts/a-" + id).status()).isEqualTo(200);
        Api.Response listed = manager.get("/api/properties");
        assertThat(listed.status()).isEqualTo(200);
        List<String> properties = listed.body().findValuesAsText("propertyId");
        assertThat(properties).containsExactly("p-" + id);
    }

    @Test
    void givenTheEmbeddedIssuersTokenWhenItCallsTheNodeTrustingKeycloakThenItIsRefusedWith401() {
        String embedded = TestTokens.adminOf(TENANT_A, port);

        assertThat(onNode(embedded).get("/api/accounts/a-" + id).status()).isEqualTo(401);
        assertThat(onNode(null).get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void givenKeycloakAsTheIssuerWhenATenantAdminAsksForAMachineClientThenItIsRefusedNamingTheRuleAndNothingIsStored() {
        Api tenantA = onNode(keycloak.clientCredentials("kc-tenant-a-admin", "kc-secret-tenant-a"));
        int before = tenantA.get("/api/tenant/clients").body().size();

        Api.Response made = tenantA.post("/api/tenant/clients", """
                {"name":"Billing export %s","kind":"API","roles":["FINANCE"]}""".formatted(id));

        assertThat(made.status()).as(made.body().toString()).isEqualTo(422);
        assertThat(made.text("rule")).isEqualTo("client-at-external-issuer");
        assertThat(tenantA.get("/api/tenant/clients").body().size()).isEqualTo(before);
        assertThat(tenantA.get("/api/tenant/clients").body().toString()).doesNotContain("Billing export " + id);
    }

    @Test
    void givenAPersonSigningInAtKeycloaksLoginPageThenTheWebUiShowsTheirTenantsPropertyAndSigningOutEndsTheSessionAtKeycloak() {
        String base = "http://127.0.0.1:" + nodePort;
        try (Chromium desktop = Chromium.desktop()) {
            signIn(desktop, base, "admin@tenant-a.test", "kc-password-a");
            desktop.waitFor(By.id("property-p-" + id));
            desktop.screenshot("keycloak-signed-in-home-desktop");
            desktop.click(By.id("property-p-" + id));
            desktop.waitFor(By.id("credits-today-EUR"));
            assertThat(desktop.text("credits-today-EUR")).isEqualTo("25.00 EUR");
            desktop.screenshot("keycloak-property-dashboard-desktop");

            // signing out ends the session at Keycloak too (RP-initiated logout): the next visit asks for the password
            desktop.click(By.id("sign-out"));
            desktop.waitFor(By.id("sign-in"));
            assertThat(desktop.driver().getCurrentUrl()).isEqualTo(base + "/ui/signed-out");
            desktop.screenshot("keycloak-signed-out-desktop");
            desktop.open(base + "/ui");
            desktop.waitFor(By.id("kc-login"));
            assertThat(desktop.driver().findElements(By.id("password"))).hasSize(1);
            assertThat(desktop.driver().findElements(By.id("signed-in-as"))).isEmpty();
        }
        try (Chromium phone = Chromium.phone()) {
            signIn(phone, base, "admin@tenant-b.test", "kc-password-b");
            phone.waitFor(By.id("signed-in-as"));
            assertThat(phone.driver().findElements(By.id("property-p-" + id))).isEmpty();
            phone.screenshot("keycloak-signed-in-home-phone-tenant-b");
            phone.open(base + "/ui/properties/p-" + id);
            assertThat(phone.driver().getPageSource()).doesNotContain("Test Court " + id, "25.00");
            phone.screenshot("keycloak-foreign-property-phone-tenant-b");
        }
    }

    /** From {@code /ui} to Keycloak's own login page and back, signed in. */
    private static void signIn(Chromium browser, String base, String username, String password) {
        browser.open(base + "/ui");
        browser.waitFor(By.id("kc-login"));
        assertThat(browser.driver().getCurrentUrl()).startsWith("http://127.0.0.1:");
        browser.screenshot("keycloak-login-page-" + (username.contains("tenant-b") ? "phone" : "desktop"));
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.click(By.id("kc-login"));
        browser.waitFor(By.id("signed-in-as"));
        assertThat(browser.driver().getCurrentUrl()).startsWith(base + "/ui");
    }

    private Api onNode(String token) {
        return new Api("http://127.0.0.1:" + nodePort, token);
    }

    /** A node of the application on the tests' database and search node that trusts Keycloak, not itself. */
    private static ConfigurableApplicationContext startNodeTrusting(String issuer, int port) {
        PostgresCoordinates postgres = TestPostgres.coordinates();
        return new SpringApplicationBuilder(MeterLedgerApplication.class).profiles("test").run(
                "--server.port=" + port,
                "--meterledger.auth.embedded-issuer=false",
                "--meterledger.auth.issuer=" + issuer,
                "--meterledger.ui.client-id=" + WEB_CLIENT,
                "--meterledger.ui.client-secret=" + WEB_SECRET,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--meterledger.stripe.api-base=" + StripeFake.baseUrl(),
                "--meterledger.search.uris=" + TestSearchNode.uri(),
                "--spring.jmx.enabled=false");
    }
}
