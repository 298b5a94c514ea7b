package com.meterledger.app.tenant;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.UiSession;
import com.meterledger.core.account.AdjustmentApprovals;
import com.meterledger.core.settings.PaymentLimitsOf;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.embedded.EmbeddedMailSink;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant's settings are data: a change is an event with its actor, and every rule that reads them follows it. */
class TenantSettingsTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    CommandGateway commands;
    @Autowired
    SupplyCalendars calendars;
    @Autowired
    AdjustmentApprovals approvals;
    @Autowired
    PaymentLimitsOf paymentLimits;
    @Autowired
    JdbcClient jdbc;


    @Test
    void aNewTenantStartsWithTheStandardHoursInItsOwnZoneAndAChangeIsInForceWithoutARestart() {
        String slug = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN").slug();
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(calendars.of(slug)).isEqualTo(new FriendlyWindow(shanghai, LocalTime.of(20, 0), LocalTime.of(8, 0),
                true, Set.of()));

        TenantSettings shorterNights = new TenantSettings(shanghai, "zh-CN",
                new FriendlyHours(LocalTime.of(22, 0), LocalTime.of(6, 0), false, List.of(LocalDate.of(2027, 2, 6))),
                new PaymentLimits(500, 200_000, List.of(5_000L, 10_000L)), 20_000, "港湾物业");
        commands.sendAndWait(new ChangeTenantSettings(new TenantId(slug), shorterNights),
                MetaData.with(MetadataKeys.TENANT, slug).and(MetadataKeys.ACTOR, "person:test-admin")
                        .and(MetadataKeys.ORIGIN, "rest"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(calendars.of(slug)).isEqualTo(new FriendlyWindow(shanghai, LocalTime.of(22, 0),
                    LocalTime.of(6, 0), false, Set.of(LocalDate.of(2027, 2, 6))));
            assertThat(approvals.limitOf(slug)).isEqualTo(20_000);
            assertThat(paymentLimits.of(slug)).isEqualTo(shorterNights.payments());
        });
        EventStore.StoredEvent change = new EventStore(jdbc).ofType(slug, "TenantSettingsChanged").getFirst();
        assertThat(change.metadata().get(MetadataKeys.ACTOR).asText()).isEqualTo("person:test-admin");
    }

    @Test
    void givenAChineseTenant_whenItsAdministratorLeavesTheLanguageToEachReader_thenEachBrowserReadsItsOwnLanguage() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        UiSession pages = UiSession.signIn(port, tenant.email(), tenant.password());
        assertThat(pages.get("/ui", "en").body()).as("the tenant's language outranks the browser's")
                .contains("lang=\"zh-CN\"");
        assertThat(pages.get("/ui/settings").body()).contains("value=\"reader\"");
        ObjectNode settings = (ObjectNode) admin.get("/api/tenant/settings").body();

        Api.Response refused = admin.put("/api/tenant/settings", settings.deepCopy().put("language", "fr").toString());
        Api.Response changed = admin.put("/api/tenant/settings",
                settings.put("language", TenantSettings.EACH_READERS_OWN).toString());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("language", TenantSettings.RULE);
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        // pages remember a tenant's settings for a moment (meterledger.settings.remember-for)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(pages.get("/ui", "en").body()).contains("lang=\"en\""));
        assertThat(pages.get("/ui", "zh-CN").body()).contains("lang=\"zh-CN\"");
        assertThat(pages.get("/ui?lang=en", "zh-CN").body()).as("a person's own choice still wins")
                .contains("lang=\"en\"");
        assertThat(pages.get("/ui/settings", "en").body()).containsPattern("value=\"reader\"\\s+selected");
        EventStore.StoredEvent event = new EventStore(jdbc).ofType(tenant.slug(), "TenantSettingsChanged").getLast();
        assertThat(event.payload().at("/settings/language").asText()).isEqualTo(TenantSettings.EACH_READERS_OWN);
        assertThat(event.metadata().get(MetadataKeys.ACTOR).asText()).startsWith("person:");
    }

    @Test
    void aTenantThatIsNotDataKeepsThePlatformsConfiguredDefaults() {
        assertThat(calendars.of(TENANT_NOT_DATA).nightStart()).isEqualTo(calendars.of(TENANT_NOT_DATA).nightEnd());
        assertThat(as(TENANT_NOT_DATA).get("/api/tenant/settings").status()).isEqualTo(404);
    }
}
