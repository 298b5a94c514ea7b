package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cut the tenant's friendly window holds is said on the dashboard, the accounts list and the account page: until
 * when in the tenant's zone, which setting holds it, and where its administrator changes it. The tenant's window
 * covers (nearly) every moment, so the depleting reading's cut is always deferred.
 */
class CutHeldPagesTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeferredCutIsShownHeldByTheFriendlyHoursUntilTheirEndWithTheSettingThatHoldsIt() {
        String id = "held-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = as(TENANT_WITH_FRIENDLY_WINDOW);
        Premises.moveIn(api, id, "100", MOVE_IN, "0");
        assertThat(api.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"2"}""".formatted(MOVE_IN.plus(Duration.ofHours(1)))).status())
                .isEqualTo(201);          // 100 - 200: depleted inside the window, the cut deferred
        EventStore events = new EventStore(jdbc);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !events.ofType("m-" + id, "SupplyDecisionRecorded").isEmpty());
        assertThat(events.ofType("m-" + id, "SupplyDecisionRecorded").getFirst().payload().get("rule").asText())
                .isEqualTo("friendly-window");

        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_F, TestPeople.PASSWORD);

        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/ui/accounts/a-" + id).body()
                .contains("Cut held by friendly hours until"));
        String account = admin.get("/ui/accounts/a-" + id).body();
        assertThat(account).containsPattern("class=\"held-until\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC\\)</strong>")
                .containsAnyOf("nights 00:00–23:59 (UTC)", "weekends")
                .contains("href=\"/ui/settings\"");

        String dashboard = admin.get("/ui/properties/p-" + id).body();
        assertThat(dashboard).contains("Cuts held by friendly hours").contains("Cut held by friendly hours until")
                .contains("/ui/accounts/a-" + id).contains("href=\"/ui/settings\"");

        String accounts = admin.get("/ui/properties/p-%s/accounts".formatted(id)).body();
        assertThat(accounts).contains("id=\"cut-held-a-" + id + "\"").contains("cut held until ")
                .contains("Cut held by friendly hours until");
    }

    @Test
    void anAccountWhoseCutNoWindowHoldsSaysNothingOfFriendlyHours() {
        String id = "free-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = as(TENANT_A);
        Premises.moveIn(api, id, "100", MOVE_IN, "0");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/accounts/a-" + id).status() == 200);
        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);

        assertThat(admin.get("/ui/accounts/a-" + id).body()).doesNotContain("friendly hours");
        assertThat(admin.get("/ui/properties/p-" + id).body()).doesNotContain("friendly hours");
        assertThat(admin.get("/ui/properties/p-%s/accounts".formatted(id)).body()).doesNotContain("cut held");
    }
}
