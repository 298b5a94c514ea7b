package com.meterledger.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.audit.AccountDriver;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed input at the HTTP edge gets a 4xx problem that names the field and its rule, and changes nothing:
 * never a 5xx, never an HTML page.
 */
class MalformedInputTest extends IntegrationTest {
    private static final String NUL = "\\u0000";

    @Test
    void aNulInAPropertysNameOrAddressIsRefusedAndNothingIsStored() {
        Api api = as(TENANT_A);
        String id = "p-nul-" + UUID.randomUUID().toString().substring(0, 8);

        assertRefused(api.post("/api/properties", """
                {"propertyId":"%s","name":"Sun%srise"}""".formatted(id, NUL)), "name", "text-control-character");
        assertRefused(api.post("/api/properties", """
                {"propertyId":"%s","name":"Sunrise","address":"1 Main%s St"}""".formatted(id, NUL)),
                "address", "text-control-character");

        assertThat(api.get("/api/properties").body().findValuesAsText("propertyId")).doesNotContain(id);
    }

    @Test
    void aNulInAUnitsNameIsRefusedAndNothingIsStored() {
        Api api = as(TENANT_A);
        String property = "p-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/properties", """
                {"propertyId":"%s","name":"Units"}""".formatted(property)).status()).isEqualTo(201);

        assertRefused(api.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"u-1","name":"Flat%s1"}""".formatted(NUL)), "name", "text-control-character");

        assertThat(api.get("/api/properties/%s/units".formatted(property)).body()).isEmpty();
    }

    @Test
    void aNulInAContactsNameIsRefusedAndNoContactIsStored() {
        AccountDriver account = new AccountDriver(as(TENANT_A), Instant.now().minus(Duration.ofDays(1)))
                .property("Contact").moveIn("-1", "Flat");
        String contact = "/api/accounts/%s/contact".formatted(account.account());
        String body = """
                {"name":"Ann%sLee","email":"ann@example.com","channels":["EMAIL"]}""";
        // the contact endpoint knows the account once the notifications processor has seen AccountOpened
        await().atMost(Duration.ofSeconds(30)).until(() -> account.api.put(contact, body.formatted(NUL)).status() != 404);

        assertRefused(account.api.put(contact, body.formatted(NUL)), "name", "text-control-character");
        assertThat(account.api.get(contact).status()).isEqualTo(404);
    }

    @Test
    void aNulInAnExportsPropertyIdIsRefusedAndNoJobStarts() {
        Api.Response refused = as(TENANT_A).post("/api/exports", """
                {"report":"property-period","format":"CSV","propertyId":"p%s1","from":"2026-01-01T00:00:00Z",
                 "to":"2026-02-01T00:00:00Z"}""".formatted(NUL));

        assertRefused(refused, "propertyId", "text-control-character");
    }

    @Test
    void aDateParameterThatIsNotADateNamesTheParameterAndTheExpectedFormat() {
        Api api = as(TENANT_A);

        Api.Response instant = api.get("/api/audit/events?from=yesterday");
        Api.Response date = api.get("/api/meters/m-x/consumption/daily?from=2026-13-45&to=2026-01-02");

        assertThat(instant.status()).isEqualTo(400);
        assertThat(instant.text("field")).isEqualTo("from");
        assertThat(instant.text("detail"))
                .isEqualTo("from: 'yesterday' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.text("field")).isEqualTo("from");
        assertThat(date.text("detail")).isEqualTo("from: '2026-13-45' is not an ISO-8601 date such as 2026-01-31");
    }

    @Test
    void aBodyFieldOfTheWrongFormatNamesTheFieldAndTheExpectedFormat() {
        Api.Response export = as(TENANT_A).post("/api/exports", """
                {"report":"property-period","format":"CSV","propertyId":"p-1","from":"last week",
                 "to":"2026-02-01T00:00:00Z"}""");
        Api.Response topUp = as(TENANT_A).post("/api/accounts/a-x/top-ups", """
                {"amountMinor":"ten","currency":"EUR","reference":"r-1"}""");
        Api.Response broken = as(TENANT_A).post("/api/exports", "{\"report\":");

        assertThat(export.status()).isEqualTo(400);
        assertThat(export.text("field")).isEqualTo("from");
        assertThat(export.text("detail"))
                .isEqualTo("from: 'last week' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        assertThat(topUp.status()).isEqualTo(400);
        assertThat(topUp.text("field")).isEqualTo("amountMinor");
        assertThat(topUp.text("detail")).isEqualTo("amountMinor: 'ten' is not a whole number");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.text("detail")).isEqualTo("the body is not well-formed JSON");
    }

    @Test
    void aNulInThePathIsAProblemNotTheServersHtmlPage() {
        Http.Answer answer = Http.send(port, "GET", "/api/accounts/a%00b", RoleTokens.of("tenant-a-admin", port), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).as(Http.abbreviate(answer.body())).isTrue();
        assertThat(answer.json().path("status").asInt()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("<html", "Tomcat");
    }

    @Test
    void theApiDescriptionOffersNoTenantParameterTheTenantComesFromTheToken() {
        JsonNode paths = anonymous().get("/v3/api-docs").body().path("paths");

        assertThat(paths.size()).isPositive();
        assertThat(paths.findValues("parameters")).allSatisfy(parameters -> assertThat(parameters.findValuesAsText("name"))
                .doesNotContain("tenant"));
    }

    static void assertRefused(Api.Response answer, String field, String rule) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(answer.text("rule")).isEqualTo(rule);
        JsonNode errors = answer.body().path("errors");
        assertThat(errors.has(field)).as(answer.body().toString()).isTrue();
    }
}
