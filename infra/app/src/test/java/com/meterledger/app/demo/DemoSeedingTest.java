package com.meterledger.app.demo;

import com.meterledger.app.MeterLedgerApplication;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import com.meterledger.embedded.TestSearchNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local run's demo made through the front door: the application starts with the demo on, on an empty database
 * of its own, and the demo tenants are signed-up, verified tenants whose people, settings and machine clients are
 * rows, whose published client works, and which do not see each other's data; seeding again makes nothing twice.
 */
class DemoSeedingTest {
    private static final Logger log = LoggerFactory.getLogger(DemoSeedingTest.class);
    private static final String DATABASE = "demo_" + UUID.randomUUID().toString().substring(0, 8);
    private static ConfigurableApplicationContext application;
    private static JdbcClient owner;
    private static int port;

    @BeforeAll
    static void startOnAnEmptyDatabaseWithTheDemoOn() throws Exception {
        TestPostgres.stopWith(SpringApplication.getShutdownHandlers()::add);
        TestSearchNode.stopWith(SpringApplication.getShutdownHandlers()::add);
        TestSearchNode.begin();
        PostgresCoordinates server = TestPostgres.coordinates();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + DATABASE);
        }
        String url = server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + DATABASE);
        owner = JdbcClient.create(new DriverManagerDataSource(url, server.username(), server.password()));
        long started = System.nanoTime();
        application = new SpringApplicationBuilder(MeterLedgerApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.username(),
                "--spring.datasource.password=" + server.password(),
                "--meterledger.stripe.api-base=" + StripeFake.baseUrl(),
                "--meterledger.search.uris=" + TestSearchNode.uri(),
                "--meterledger.demo.enabled=true",
                "--spring.jmx.enabled=false");
        port = ((ServletWebServerApplicationContext) application).getWebServer().getPort();
        log.info("started with the demo seeded on an empty database in {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void givenAFirstStartWhenTheDemoIsSeededThenBothTenantsAreSignedUpVerifiedTenantsWithSettingsOfTheirOwn() {
        Map<String, String> tenants = new LinkedHashMap<>();
        owner.sql("select tenant_id, status from tenant order by tenant_id")
                .query(rs -> {
                    tenants.put(rs.getString("tenant_id"), rs.getString("status"));
                });
        assertThat(tenants).containsExactly(Map.entry("demo", "VERIFIED"), Map.entry("harbour", "VERIFIED"));

        assertThat(owner.sql("select currency || ' ' || zone || ' ' || language from tenant where tenant_id = 'demo'")
                .query(String.class).single()).isEqualTo("EUR Europe/Berlin en");
        assertThat(owner.sql("select zone || ' ' || language from tenant_settings where tenant_id = 'harbour'")
                .query(String.class).single()).isEqualTo("Asia/Shanghai zh-CN");
        assertThat(owner.sql("select currency from tenant where tenant_id = 'harbour'").query(String.class).single())
                .isEqualTo("CNY");
    }

    @Test
    void givenTheDemoTenantThenItsPeopleAreActiveMembersWithTheirRolesAndTheManagerIsScopedToSunriseCourt() {
        List<String> members = owner.sql("""
                        select p.email || ' ' || m.state || ' ' || array_to_string(m.roles, ',') || ' '
                               || array_to_string(m.properties, ',')
                        from staff_membership m join staff_person p using (person_id)
                        where m.tenant_id = 'demo' order by p.email""").query(String.class).list();
        assertThat(members).containsExactly(
                "admin@demo.test ACTIVE TENANT_ADMIN ",
                "auditor@demo.test ACTIVE AUDITOR ",
                "finance@demo.test ACTIVE FINANCE ",
                "manager@demo.test ACTIVE PROPERTY_MANAGER sunrise-court");
        assertThat(owner.sql("select count(*) from staff_person where password_hash is null").query(Long.class)
                .single()).isZero();

        String manager = PersonTokens.signIn(port, "manager@demo.test", DemoTenants.PASSWORD).orElseThrow();
        Api asManager = new Api("http://localhost:" + port, manager);
        assertThat(ids(asManager.get("/api/properties?size=50").body(), "propertyId")).containsExactly("sunrise-court");
        assertThat(PersonTokens.signIn(port, "admin@harbour.test", DemoTenants.PASSWORD)).isPresent();
    }

    @Test
    void givenTheDemoThenThePlatformOperatorSignsInWithTheReadmesAddressAndSeesTheTenants() {
        Api operator = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, DemoTenants.PLATFORM_OPERATOR, DemoTenants.PASSWORD).orElseThrow());
        assertThat(operator.get("/api/me").body().get("roles").toString()).isEqualTo("[\"PLATFORM_ADMIN\"]");
        assertThat(operator.get("/api/me").body().get("tenant").isNull()).isTrue();
        assertThat(operator.get("/api/platform/tenants").body().toString())
                .contains("\"tenantId\":\"demo\"", "\"tenantId\":\"harbour\"");
    }

    @Test
    void givenTheDemoClientsThenTheyAreRowsMadeByTheClientServiceAndTheReadmesClientCredentialsTokenWorks() {
        assertThat(owner.sql("select client_id from machine_client where tenant_id = 'demo' order by client_id")
                .query(String.class).list())
                .containsExactly("demo-auditor", "demo-finance", "demo-gateway", "demo-landlord", "demo-manager");
        assertThat(owner.sql("select count(*) from oauth2_registered_client where client_id = 'demo-platform'")
                .query(Long.class).single()).isOne();

        Api landlord = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "demo-landlord", "demo-landlord-secret"));
        await().atMost(Duration.ofSeconds(30)).until(() -> landlord.get("/api/accounts/acc-101-e").status() == 200);
        long balance = landlord.get("/api/accounts/acc-101-e").number("balanceMinor");
        assertThat(balance).isPositive().isLessThan(5_000);
        Api platform = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "demo-platform", "demo-platform-secret"));
        Api.Response console = platform.get("/api/platform/tenants");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body().toString()).contains("\"tenantId\":\"demo\"", "\"tenantId\":\"harbour\"");
    }

    @Test
    void givenTheSecondTenantThenItSeesItsOwnPropertyAndNoneOfTheDemosData() {
        Api harbour = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "harbour-landlord", "harbour-landlord-secret"));
        await().atMost(Duration.ofSeconds(30)).until(() -> harbour.get("/api/accounts/hv-acc-1-e").status() == 200);

        assertThat(ids(harbour.get("/api/properties?size=50").body(), "propertyId")).containsExactly("harbour-view");
        assertThat(ids(harbour.get("/api/accounts?size=50").body(), "accountId"))
                .containsExactlyInAnyOrder("hv-acc-1-e", "hv-acc-2-e");
        assertThat(harbour.get("/api/accounts/acc-101-e").status()).isEqualTo(404);
        assertThat(harbour.get("/api/meters/m-101-e/status").status()).isEqualTo(404);
        assertThat(harbour.get("/api/tenant/people").body().toString()).doesNotContain("@demo.test");
    }

    @Test
    void givenASeededDemoWhenItIsSeededAgainThenNothingIsMadeTwice() {
        Map<String, Long> before = counts();

        application.getBean(DemoData.class).seed();

        assertThat(counts()).isEqualTo(before);
        assertThat(before.get("tenant")).isEqualTo(2);
        assertThat(before.get("machine_client")).isEqualTo(6);
        assertThat(before.get("platform_person")).isEqualTo(1);
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("tenant", "tenant_settings", "staff_person", "staff_membership",
                "staff_invitation", "signup_verification", "machine_client", "oauth2_registered_client", "property",
                "unit", "domain_event_entry", "platform_person")) {
            counts.put(table, owner.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }
}
