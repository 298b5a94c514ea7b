package com.meterledger.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.audit.AccountDriver;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, item 4: the dashboard, the account page, the property's account and meter lists and the API tell the same
 * story about every account (standing, supply as confirmed and pending, arrears), for one account in each standing,
 * including a depleted account whose cut is still pending, and arrears from an overdraft, a debt and a closed account.
 * Before, the account page said supply ON without the pending cut and arrears 0.00 where the dashboard counted them.
 */
class OneAccountStateTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.SECONDS);

    /** What every view must say of one account. */
    private record Expected(String standing, String supplyConfirmed, String pending, long arrearsMinor) {
    }

    @Test
    void theDashboardTheAccountPagesAndTheApiAgreeOnEveryAccountsStateSupplyAndArrears() {
        // given one account per standing in one property (100 cents per kWh; first warning at 20.00, cut at 0)
        AccountDriver active = new AccountDriver(as(TENANT_A), MOVE_IN).property("One State Court").moveIn("-1", "A");
        AccountDriver low = AccountDriver.sameProperty(active).moveIn("-2", "B");
        AccountDriver depleted = AccountDriver.sameProperty(active).moveIn("-3", "C");
        AccountDriver cut = AccountDriver.sameProperty(active).moveIn("-4", "D");
        AccountDriver closed = AccountDriver.sameProperty(active).moveIn("-5", "E");
        AccountDriver keptOn = AccountDriver.sameProperty(active).moveIn("-6", "F");
        Api api = active.api;
        for (AccountDriver account : List.of(active, low, depleted, cut, closed, keptOn)) {
            account.topUp(account == active || account == low ? 3_000 : 1_000, "state-" + account.account());
        }
        active.read("5");                                    // 2500: active
        registerDebt(api, active.account(), 200);            // owes 2.00 of debt with money on the account
        low.read("11");                                      // 1900: below the first warning
        cut.read("15");                                      // -500: depleted, cut issued and confirmed
        confirmCut(api, active.property(), cut.meter());
        closed.read("13");                                   // -300: depleted, cut, then moved out
        confirmCut(api, active.property(), closed.meter());
        registerDebt(api, closed.account(), 100);
        assertThat(api.post("/api/accounts/%s/move-out".formatted(closed.account()), """
                {"finalReadAt":"%s","finalRegister":"13","settlement":"REFUND"}"""
                .formatted(MOVE_IN.plus(Duration.ofHours(2)))).status()).isEqualTo(204);
        assertThat(api.post("/api/meters/%s/protection".formatted(keptOn.meter()), """
                {"protect":true,"reason":"medical equipment"}""").status()).isEqualTo(204);
        keptOn.read("12");                                   // -200: depleted, supply kept on
        UiSession landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        Views views = new Views(api, landlord, active.property());

        // when an account is depleted and its cut is pending
        depleted.read("10.13");                              // -13

        // then, while the cut is pending, every view says depleted, supply on, a cut pending, 0.13 owed
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> {
                    views.agree(depleted.account(), new Expected("DEPLETED", "ON", "CUT", 13));
                    assertThat(pendingCommandOf(api.get(views.dashboard).body(), depleted.meter())).isNotNull();
                });

        // and once the cut is confirmed, every view agrees on every account (cuts are confirmed within the tests' 2 s
        // acknowledgement time-out: the events a time-out causes carry no tenant today, so no read model applies them)
        confirmCut(api, active.property(), depleted.meter());
        Map<AccountDriver, Expected> expected = new LinkedHashMap<>();
        expected.put(active, new Expected("ACTIVE", "ON", null, 200));
        expected.put(low, new Expected("LOW", "ON", null, 0));
        expected.put(keptOn, new Expected("DEPLETED", "ON", null, 200));
        expected.put(depleted, new Expected("CUT", "OFF", null, 13));
        expected.put(cut, new Expected("CUT", "OFF", null, 500));
        expected.put(closed, new Expected("CLOSED", "OFF", null, 400));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode d = api.get(views.dashboard).body();
            assertThat(d.get("pendingCommands")).isEmpty();
            for (Map.Entry<AccountDriver, Expected> entry : expected.entrySet()) {
                views.agree(entry.getKey().account(), entry.getValue());
            }
            JsonNode states = d.get("accounts");
            for (String standing : List.of("ACTIVE", "LOW", "DEPLETED", "CUT", "CLOSED")) {
                long accounts = expected.values().stream().filter(e -> e.standing().equals(standing)).count();
                assertThat(states.get(word(standing)).asLong()).as(standing).isEqualTo(accounts);
            }
            long arrears = expected.values().stream().mapToLong(Expected::arrearsMinor).sum();
            assertThat(d.get("money").get(0).get("arrearsMinor").asLong()).isEqualTo(arrears);
            String page = landlord.get("/ui/properties/" + active.property()).body();
            assertThat(text(page, "arrears-EUR")).isEqualTo(money(arrears));
            assertThat(page).contains("1 active, 1 low, 1 depleted, 2 cut, 1 closed");
        });
    }

    /** The API, the account page and the property's account and meter lists of one property, as the landlord sees them. */
    private record Views(Api api, UiSession landlord, String property, String dashboard) {
        Views(Api api, UiSession landlord, String property) {
            this(api, landlord, property, "/api/properties/%s/dashboard".formatted(property));
        }

        void agree(String account, Expected want) {
            JsonNode balance = api.get("/api/accounts/" + account).body();
            assertThat(balance.get("state").get("standing").asText()).as(account).isEqualTo(want.standing());
            assertThat(balance.get("state").get("supply").get("confirmed").asText()).as(account)
                    .isEqualTo(want.supplyConfirmed());
            assertThat(balance.get("supplyState").asText()).as(account).isEqualTo(want.supplyConfirmed());
            assertThat(balance.get("pendingCommand").isNull() ? null : balance.get("pendingCommand").asText())
                    .as(account).isEqualTo(want.pending());
            assertThat(balance.get("arrearsMinor").asLong()).as(account).isEqualTo(want.arrearsMinor());
            assertThat(balance.get("state").get("arrearsMinor").asLong()).as(account).isEqualTo(want.arrearsMinor());

            String page = landlord.get("/ui/accounts/" + account).body();
            assertThat(text(page, "account-state")).as(account).isEqualTo(word(want.standing()));
            assertThat(text(page, "account-arrears")).as(account).isEqualTo(money(want.arrearsMinor()));
            assertThat(text(page, "account-supply")).as(account).isEqualTo(want.supplyConfirmed());
            assertThat(text(page, "account-supply-pending")).as(account)
                    .isEqualTo(want.pending() == null ? null : want.pending() + " pending");

            String accounts = landlord.get("/ui/properties/%s/accounts".formatted(property)).body();
            assertThat(text(accounts, "state-" + account)).as(account).isEqualTo(word(want.standing()));
            assertThat(text(accounts, "arrears-" + account)).as(account).isEqualTo(money(want.arrearsMinor()));
            String meters = landlord.get("/ui/properties/%s/meters".formatted(property)).body();
            assertThat(text(meters, "supply-" + account)).as(account).isEqualTo(want.supplyConfirmed());
            assertThat(text(meters, "pending-" + account)).as(account)
                    .isEqualTo(want.pending() == null ? "—" : want.pending());
        }
    }

    /** Acknowledges the meter's pending cut as carried out (its newest attempt, should one have timed out). */
    private static void confirmCut(Api api, String property, String meter) {
        String dashboard = "/api/properties/%s/dashboard".formatted(property);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> {
                    String command = pendingCommandOf(api.get(dashboard).body(), meter);
                    assertThat(command).isNotNull();
                    assertThat(api.post("/api/meters/%s/supply-commands/%s/acknowledgement".formatted(meter,
                            command), """
                            {"executed":true}""").status()).isEqualTo(204);
                });
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                api.get("/api/meters/%s/status".formatted(meter)).body().get("supplyConfirmed").asText())
                .isEqualTo("OFF"));
    }

    private static void registerDebt(Api api, String account, long amount) {
        assertThat(api.post("/api/accounts/%s/debts".formatted(account), """
                {"amountMinor":%d,"currency":"EUR","reason":"arrears carried over"}""".formatted(amount)).status())
                .isEqualTo(201);
    }

    /** The id of the command pending for this meter on the dashboard, null when none. */
    private static String pendingCommandOf(JsonNode dashboard, String meter) {
        for (JsonNode command : dashboard.get("pendingCommands")) {
            if (command.get("meterId").asText().equals(meter) && command.get("action").asText().equals("CUT")) {
                return command.get("commandId").asText();
            }
        }
        return null;
    }

    /** The text of the element with this id, null when the page has none. */
    private static String text(String html, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        return matcher.find() ? matcher.group(1).strip() : null;
    }

    private static String word(String standing) {
        return standing.toLowerCase(Locale.ROOT);
    }

    private static String money(long minor) {
        return "%d.%02d EUR".formatted(minor / 100, minor % 100);
    }
}
