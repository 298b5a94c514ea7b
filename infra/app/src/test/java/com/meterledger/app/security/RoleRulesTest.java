package com.meterledger.app.security;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.shared.Money;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.edge.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each role may do inside its own tenant, beyond the yes/no of the matrix. */
class RoleRulesTest extends IntegrationTest {
    @Autowired
    CommandGateway commands;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private Fixture a;
    private String otherProperty;
    private String otherUnit;

    @BeforeEach
    void aSecondPropertyTheManagerDoesNotLookAfter() {
        a = Fixture.of("a", port);
        String id = UUID.randomUUID().toString().substring(0, 8);
        otherProperty = "other-" + id;
        otherUnit = "ou-" + id;
        String admin = token(Roles.TENANT_ADMIN);
        assertThat(Http.send(port, "POST", "/api/properties", admin, """
                {"propertyId":"%s","name":"Not managed"}""".formatted(otherProperty)).status()).isEqualTo(201);
        assertThat(Http.send(port, "POST", "/api/properties/%s/units".formatted(otherProperty), admin, """
                {"unitId":"%s","name":"Flat"}""".formatted(otherUnit)).status()).isEqualTo(201);
    }

    @Test
    void aPropertyManagerSeesAndChangesOnlyTheirProperties() {
        String manager = token(Roles.PROPERTY_MANAGER);
        Http.Answer properties = Http.send(port, "GET", "/api/properties", manager, null);
        assertThat(properties.status()).isEqualTo(200);
        assertThat(properties.body()).contains(a.propertyId()).doesNotContain(otherProperty);
        assertThat(Http.send(port, "GET", "/api/properties/%s/units".formatted(otherProperty), manager, null).status())
                .isEqualTo(403);
        assertThat(Http.send(port, "POST", "/api/properties/%s/units".formatted(otherProperty), manager, """
                {"unitId":"x-%s","name":"Flat"}""".formatted(otherUnit)).status()).isEqualTo(403);
        assertThat(Http.send(port, "POST", "/api/meters", manager, """
                {"meterId":"mm-%s","unitId":"%s","utility":"WATER","serialNumber":"S"}""".formatted(otherUnit, otherUnit))
                .status()).isEqualTo(403);
        assertThat(Http.send(port, "GET", "/api/accounts/" + a.accountId(), manager, null).status()).isEqualTo(200);
        assertThat(Http.send(port, "POST", "/api/meters", manager, """
                {"meterId":"mm-%s","unitId":"%s","utility":"WATER","serialNumber":"S"}""".formatted(otherUnit, a.unitId()))
                .status()).isEqualTo(201);
    }

    @Test
    void anAuditorReadsEverythingAndChangesNothing() {
        String auditor = token(Roles.AUDITOR);
        assertThat(Http.send(port, "GET", "/api/properties", auditor, null).body()).contains(otherProperty);
        assertThat(Http.send(port, "GET", "/api/accounts/%s/statement".formatted(a.accountId()), auditor, null)
                .status()).isEqualTo(200);
        assertThat(Http.send(port, "POST", "/api/accounts/%s/top-ups".formatted(a.accountId()), auditor, """
                {"amountMinor":1,"currency":"EUR","reference":"auditor"}""").status()).isEqualTo(403);
        assertThat(Http.send(port, "POST", "/api/properties", auditor, """
                {"propertyId":"by-auditor","name":"x"}""").status()).isEqualTo(403);
    }

    @Test
    void aGatewaySubmitsReadingsAndReadsNothing() {
        String gateway = token(Roles.GATEWAY);
        assertThat(Http.send(port, "GET", "/api/accounts/" + a.accountId(), gateway, null).status()).isEqualTo(403);
        assertThat(Http.send(port, "GET", "/api/properties", gateway, null).status()).isEqualTo(403);
        int status = Http.send(port, "POST", "/api/meters/%s/readings".formatted(a.meterId()), gateway, """
                {"readAt":"%s","registerValue":"99999"}""".formatted(java.time.Instant.now())).status();
        assertThat(status).isIn(200, 201, 422);
    }

    @Test
    void aPlatformAdminHasNoTenantAndReadsNoTenantsData() {
        String platform = RoleTokens.of("platform-admin", port);
        Http.Answer me = Http.send(port, "GET", "/api/me", platform, null);
        assertThat(me.json().get("roles").toString()).contains("PLATFORM_ADMIN");
        assertThat(me.json().get("tenant").isNull()).isTrue();
        assertThat(Http.send(port, "GET", "/api/properties", platform, null).status()).isEqualTo(403);
    }

    @Test
    void everyCommandCarriesItsActorAndOrigin() throws Exception {
        String reference = "actor-" + UUID.randomUUID();
        assertThat(Http.send(port, "POST", "/api/accounts/%s/top-ups".formatted(a.accountId()), token(Roles.FINANCE), """
                {"amountMinor":1,"currency":"EUR","reference":"%s"}""".formatted(reference)).status()).isEqualTo(201);
        try (var owner = Owner.connect(); var statement = owner.prepareStatement("""
                select convert_from(meta_data, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and convert_from(payload, 'UTF8') like ?""")) {
            statement.setString(1, a.accountId());
            statement.setString(2, "%" + reference + "%");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("\"actor\":\"tenant-a-finance\"").contains("\"origin\":\"rest\"")
                        .contains("\"tenantId\":\"tenant-a\"");
            }
        }
    }

    @Test
    void aCommandWithoutAnActorIsRefused() {
        assertThatThrownBy(() -> commands.sendAndWait(
                new RecordTopUp(new AccountId(a.accountId()), Money.of(1, "EUR"), "no-actor", null)))
                .hasStackTraceContaining("has no actor");
    }

    @Test
    void foreignIdsAnswerNotFoundStoreNothingAndAreLogged() {
        Fixture b = Fixture.of("b", port);
        String admin = token(Roles.TENANT_ADMIN);
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer read = Http.send(port, "GET", "/api/accounts/" + b.accountId(), admin, null);
            assertThat(read.status()).isEqualTo(404);
            assertThat(read.isProblem()).isTrue();
            assertThat(log.has("unknown_id")).isTrue();
            Http.Answer write = Http.send(port, "POST", "/api/accounts/%s/top-ups".formatted(b.accountId()), admin, """
                    {"amountMinor":1,"currency":"EUR","reference":"intruder"}""");
            assertThat(write.status()).isEqualTo(404);
            assertThat(log.has("foreign_tenant_id")).as(log.lines().toString()).isTrue();
        }
        assertThat(Http.send(port, "GET", "/api/accounts/" + b.accountId(), RoleTokens.of("tenant-b-admin", port), null)
                .json().get("balanceMinor").asLong()).isEqualTo(b.credit());
    }

    @Test
    void aQueryHandlerHandedAnotherTenantsIdIsRefused() {
        var query = new com.meterledger.api.registry.FindUnit(new com.meterledger.api.shared.TenantId(TENANT_B),
                new com.meterledger.api.registry.UnitId(Fixture.of("b", port).unitId()));
        var message = new org.axonframework.queryhandling.GenericQueryMessage<>(query,
                org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf(
                        com.meterledger.api.registry.UnitSummary.class))
                .andMetaData(java.util.Map.of(com.meterledger.api.shared.MetadataKeys.TENANT, TENANT_A));
        try (SecurityLog log = new SecurityLog()) {
            var answer = context.getBean(org.axonframework.queryhandling.QueryBus.class).query(message).join();
            assertThat(answer.isExceptional()).isTrue();
            assertThat(log.has("tenant_mismatch")).isTrue();
        }
    }

    private String token(String role) {
        return RoleTokens.of(RoleTokens.clientOf("a", role), port);
    }
}
