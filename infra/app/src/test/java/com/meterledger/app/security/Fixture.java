package com.meterledger.app.security;

import com.meterledger.app.support.Api;
import com.meterledger.edge.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One tenant's data for the isolation tests, made once per test JVM through the API: the property its property
 * manager looks after, a unit, a meter, a funded account, a payment link, a machine client, a person. Every name carries a marker that must
 * never show up in an answer to another tenant.
 */
record Fixture(String letter, String tenant, String marker, long credit, String propertyId, String unitId,
               String meterId, String accountId, String linkId, String linkToken, String clientId,
               String personId) {
    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final Map<String, Fixture> MADE = new java.util.concurrent.ConcurrentHashMap<>();

    static Fixture of(String letter, int port) {
        return MADE.computeIfAbsent(letter, l -> make(l, port));
    }

    /**
     * The template with every {name} filled: by {@code known} where it has a value for the name (not null), else by
     * this fixture's id of that name; a name neither knows fails the test.
     */
    String fill(String template, Function<String, String> known) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = known.apply(name);
            if (value == null) {
                value = ids().get(name);
                assertThat(value).as("no value for {" + name + "}: add it to Fixture or the test").isNotNull();
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    Map<String, String> ids() {
        // an account opened with a flat price gets its private tariff "flat.<accountId>"
        return Map.of("propertyId", propertyId, "unitId", unitId, "meterId", meterId, "accountId", accountId,
                "linkId", linkId, "tariffId", "flat." + accountId, "clientId", clientId, "personId", personId);
    }

    private static Fixture make(String letter, int port) {
        String tenant = "tenant-" + letter;
        String marker = "TENANT-" + letter.toUpperCase() + "-SECRET";
        long credit = letter.equals("a") ? 500_000 : 777_777;
        String id = UUID.randomUUID().toString().substring(0, 8);
        Api admin = new Api("http://localhost:" + port, RoleTokens.of(RoleTokens.clientOf(letter, Roles.TENANT_ADMIN), port));
        String property = "managed-" + letter;
        int created = admin.post("/api/properties", """
                {"propertyId":"%s","name":"%s property","address":"%s street"}""".formatted(property, marker, marker))
                .status();
        assertThat(created).isIn(201, 422);
        String unit = "u-" + letter + "-" + id;
        String meter = "m-" + letter + "-" + id;
        String account = "acc-" + letter + "-" + id;
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"%s unit"}""".formatted(unit, marker)).status()).isEqualTo(201);
        assertThat(admin.post("/api/meters", """
                {"meterId":"%s","unitId":"%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(meter, unit, id)).status()).isEqualTo(201);
        Instant moveIn = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(admin.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"10",
                 "openingReadAt":"%s","openingRegister":"1000"}""".formatted(account, unit, meter, moveIn)).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":%d,"currency":"EUR","reference":"%s-receipt"}""".formatted(credit, marker)).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                admin.get("/api/accounts/" + account).status() == 200
                        && admin.get("/api/accounts/" + account).number("balanceMinor") == credit);
        // dashboard-projection has its own processor: wait for it too, so the matrix's footprint starts settled
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> admin
                .get("/api/properties/%s/dashboard".formatted(property)).body().get("money").get(0)
                .get("creditsMonthMinor").asLong() >= credit);
        Api.Response link = admin.post("/api/accounts/%s/payment-links".formatted(account), null);
        assertThat(link.status()).isEqualTo(201);
        Api.Response client = admin.post("/api/tenant/clients", """
                {"name":"%s client","kind":"GATEWAY"}""".formatted(marker));
        assertThat(client.status()).as(client.body().toString()).isEqualTo(201);
        Api.Response person = admin.post("/api/tenant/people", """
                {"name":"%s person","email":"matrix-%s-%s@example.com","roles":["FINANCE"]}"""
                .formatted(marker, letter, id));
        assertThat(person.status()).as(person.body().toString()).isEqualTo(201);
        return new Fixture(letter, tenant, marker, credit, property, unit, meter, account, link.text("linkId"),
                link.text("token"), client.text("clientId"), person.body().get("person").get("personId").asText());
    }
}
