package com.meterledger.app.support;

import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import com.meterledger.embedded.TestSearchNode;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port against the test JVM's one real PostgreSQL (see {@link TestPostgres}) and
 * one real Elasticsearch node in its own JVM (see {@link TestSearchNode}).
 * Every subclass shares one Spring context, so tests keep apart by using their own ids. Its tenants and machine
 * clients are made at start through the front door ({@link TestTenants}): configuration holds none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestTenants.class)
public abstract class IntegrationTest {
    public static final String TENANT_A = "tenant-a";
    public static final String TENANT_B = "tenant-b";
    /** A tenant whose friendly window covers every moment: cuts are always deferred. */
    public static final String TENANT_WITH_FRIENDLY_WINDOW = "tenant-f";
    /** The tenant that pays through the local Stripe sandbox (StripeSandboxTest), so its Stripe account is the sandbox's. */
    public static final String TENANT_ON_STRIPE_SANDBOX = "tenant-s";
    /**
     * The one tenant that is not data: a claim in its client's token only (as an external issuer may name a tenant the
     * directory lacks), for the tests of the platform's configured defaults.
     */
    public static final String TENANT_NOT_DATA = "tenant-n";

    static {
        // a wait reads JSON that a projection has not written yet: a missing node is "not yet", like a failed assertion
        Awaitility.ignoreExceptionByDefault(NullPointerException.class);
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        // stopped after the contexts are closed, never under an application still shutting down
        TestPostgres.stopWith(SpringApplication.getShutdownHandlers()::add);
        TestSearchNode.stopWith(SpringApplication.getShutdownHandlers()::add);
        TestSearchNode.begin();
        PostgresCoordinates postgres = TestPostgres.coordinates();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        // the WireMock fake, unless a subclass names another stand-in (a later registration cannot override this one)
        registry.add("meterledger.stripe.api-base",
                () -> "${meterledger.test.stripe-api-base:" + StripeFake.baseUrl() + "}");
        registry.add("meterledger.search.uris", TestSearchNode::uri);
    }

    protected Api as(String tenant) {
        return new Api("http://localhost:" + port, TestTokens.adminOf(tenant, port));
    }

    protected Api anonymous() {
        return new Api("http://localhost:" + port, null);
    }
}
