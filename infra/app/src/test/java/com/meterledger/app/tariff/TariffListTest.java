package com.meterledger.app.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.listing.CursorBinding;
import com.meterledger.api.listing.ListCursor;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tariff read model through the real API: {@code GET /api/tariffs} with its filters, sorts and keyset cursor, the
 * version in force and the open accounts on each tariff, nonsense parameters answered 400 naming the parameter, another
 * tenant's view, the search box, and a rebuild of the projection from the event store. Each test makes its own tariffs
 * (names and ids carry a fresh marker), so the shared tenant's other tariffs never matter: every list is narrowed to it.
 */
class TariffListTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(TariffListTest.class);
    private static final String TIERS = """
            {"kind":"TIERED","period":"MONTH","tiers":[{"upTo":"50","price":"10"},{"price":"20.5"}]}""";
    private static final String EVENING = """
            {"kind":"TIME_OF_USE","registerPrices":{"t1":"30","t2":"12.5"}}""";

    private String id;
    private Api admin;

    /**
     * Tariffs tl-ID-a "Alder ID tiered" (electricity, version 1 in force since a moment ago, one account on it),
     * tl-ID-b "Birch ID evening" (electricity, time of use from next month: published, none in force) and tl-ID-c
     * "Cedar ID draft" (water, no version).
     */
    @BeforeEach
    void threeTariffsInThreeStates() {
        id = UUID.randomUUID().toString().substring(0, 8);
        admin = as(TENANT_A);
        create("a", "Alder " + id + " tiered", "ELECTRICITY");
        Instant soon = publishSoon("a", TIERS);
        create("b", "Birch " + id + " evening", "ELECTRICITY");
        publish("b", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS), EVENING);
        create("c", "Cedar " + id + " draft", "WATER");
        Premises.unitWithMeter(admin, "tl" + id);
        Api.Response opened = admin.post("/api/accounts", """
                {"accountId":"a-tl%s","unitId":"u-tl%s","meterId":"m-tl%s","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(id, id, id, tariff("a"), soon));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode page = admin.get("/api/tariffs?name=" + id).body();
            assertThat(ids(page)).containsExactly(tariff("a"), tariff("b"), tariff("c"));
            assertThat(page.get("items").get(0).get("versionInForce").asInt()).isEqualTo(1);
            assertThat(page.get("items").get(0).get("accounts").asLong()).isEqualTo(1);
        });
    }

    @Test
    void givenTariffsInEachStateWhenListedThenEachShowsItsKindStateVersionInForceAndAccounts() {
        // when the list is read, narrowed to this test's tariffs
        JsonNode items = admin.get("/api/tariffs?name=" + id).body().get("items");

        // then the tiered one is published with version 1 in force and one account on it
        JsonNode alder = items.get(0);
        assertThat(alder.get("name").asText()).isEqualTo("Alder " + id + " tiered");
        assertThat(alder.get("utility").asText()).isEqualTo("ELECTRICITY");
        assertThat(alder.get("kind").asText()).isEqualTo("TIERED");
        assertThat(alder.get("currency").asText()).isEqualTo("EUR");
        assertThat(alder.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(alder.get("versions").asInt()).isEqualTo(1);
        assertThat(alder.get("inForceFrom").isNull()).isFalse();
        // the time-of-use one is published but not in force before next month, and no account uses it
        JsonNode birch = items.get(1);
        assertThat(birch.get("kind").asText()).isEqualTo("TIME_OF_USE");
        assertThat(birch.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(birch.get("versionInForce").isNull()).isTrue();
        assertThat(birch.get("accounts").asLong()).isZero();
        // the water one is a draft without a kind
        JsonNode cedar = items.get(2);
        assertThat(cedar.get("utility").asText()).isEqualTo("WATER");
        assertThat(cedar.get("state").asText()).isEqualTo("DRAFT");
        assertThat(cedar.get("kind").isNull()).isTrue();
        assertThat(cedar.get("versions").asInt()).isZero();

        // and a page of the whole shared tenant, newest first, answers in (measured, not asserted; the machine is shared)
        long[] millis = new long[20];
        int rows = 0;
        for (int i = 0; i < millis.length; i++) {
            long began = System.nanoTime();
            rows = admin.get("/api/tariffs?sort=-createdAt&size=50").body().get("items").size();
            millis[i] = (System.nanoTime() - began) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        log.info("GET /api/tariffs?sort=-createdAt&size=50 ({} rows) over HTTP: p50 {} ms, max {} ms of {} calls",
                rows, millis[millis.length / 2], millis[millis.length - 1], millis.length);
    }

    @Test
    void filtersNarrowTheListToWhatTheyNameAndSortsOrderIt() {
        String base = "/api/tariffs?name=" + id;
        assertThat(ids(admin.get(base + "&utility=water").body())).containsExactly(tariff("c"));
        assertThat(ids(admin.get(base + "&kind=TIME_OF_USE").body())).containsExactly(tariff("b"));
        assertThat(ids(admin.get(base + "&kind=FLAT").body())).isEmpty();
        assertThat(ids(admin.get(base + "&state=DRAFT").body())).containsExactly(tariff("c"));
        assertThat(ids(admin.get(base + "&state=published&sort=-name").body()))
                .containsExactly(tariff("b"), tariff("a"));
        assertThat(ids(admin.get("/api/tariffs?name=DER " + id).body())).containsExactly(tariff("a"));
        // the name only, never the id (the search box's finds both), and its text literally: _ and % match themselves
        assertThat(ids(admin.get("/api/tariffs?name=tl-" + id).body())).isEmpty();
        assertThat(ids(admin.get("/api/tariffs?name=_" + id).body())).isEmpty();
        assertThat(ids(admin.get("/api/tariffs?name=" + id + "%").body())).isEmpty();
        assertThat(hits(admin.get("/api/search?q=tl-" + id).body()))
                .containsExactly(tariff("a"), tariff("b"), tariff("c"));
        assertThat(ids(admin.get(base + "&sort=-tariffId").body()))
                .containsExactly(tariff("c"), tariff("b"), tariff("a"));
        assertThat(ids(admin.get(base + "&sort=utility").body()).getLast()).isEqualTo(tariff("c"));
    }

    @Test
    void aCursorWalksTheListInTheSameOrderAsOffsetPagesAndEndsWithoutOne() {
        for (String sort : List.of("tariffId", "-name", "createdAt", "-createdAt", "state", "-utility")) {
            // given the whole list in one offset page
            String base = "/api/tariffs?name=%s&sort=%s".formatted(id, sort);
            List<String> whole = ids(admin.get(base).body());

            // when it is read one row at a time, each page from the previous page's cursor
            List<String> walked = new ArrayList<>();
            JsonNode page = admin.get(base + "&size=1").body();
            walked.addAll(ids(page));
            while (page.get("hasMore").asBoolean()) {
                page = admin.get(base + "&size=1&cursor=" + page.get("nextCursor").asText()).body();
                walked.addAll(ids(page));
            }

            // then the rows come in the same order, each once, and the last page has no cursor
            assertThat(walked).as(sort).hasSize(3).isEqualTo(whole);
            assertThat(page.get("nextCursor").isNull()).as(sort).isTrue();
        }
    }

    @Test
    void nonsenseParametersAreRefusedWith400NamingTheParameter() {
        assertRefused("/api/tariffs?kind=GAS", "kind");
        assertRefused("/api/tariffs?state=HAPPY", "state");
        assertRefused("/api/tariffs?state=\u0001", "state");
        assertRefused("/api/tariffs?utility=GAS", "utility");
        assertRefused("/api/tariffs?name=a", "name");
        assertRefused("/api/tariffs?name=ab\u0007c", "name");
        assertRefused("/api/tariffs?name=" + "x".repeat(101), "name");
        assertRefused("/api/tariffs?sort=price", "sort");
        assertRefused("/api/tariffs?sort=kind", "sort");
        assertRefused("/api/tariffs?size=0", "size");
        assertRefused("/api/tariffs?page=-1", "page");
        assertRefused("/api/tariffs?cursor=not-a-cursor", "cursor");
        String cursor = admin.get("/api/tariffs?name=%s&sort=-name&size=1".formatted(id)).body()
                .get("nextCursor").asText();
        assertRefused("/api/tariffs?sort=name&cursor=" + cursor, "cursor", ListCursor.OTHER_SORT);
        // made for this list and sort, but sent with other filters, or sent to another list: refused by its own rule
        assertRefused("/api/tariffs?name=%s&sort=-name&kind=FLAT&cursor=%s".formatted(id, cursor), "cursor",
                "list-cursor-other-filters");
        assertRefused("/api/tariffs?sort=-name&cursor=" + cursor, "cursor", "list-cursor-other-filters");
        assertRefused("/api/units?sort=-name&cursor=" + cursor, "cursor", "list-cursor-other-list");
        assertThat(ids(admin.get("/api/tariffs?name=%s&sort=-name&cursor=%s".formatted(id, cursor)).body()))
                .containsExactly(tariff("b"), tariff("a"));
        // a well-formed cursor of this list whose creation moment is not a moment: refused, never a 500
        String forged = new ListCursor(CursorBinding.of("tariffs", "createdAt", java.util.Arrays.asList(null, null,
                null, null)), "yesterday", "tl-x").encode();
        assertRefused("/api/tariffs?sort=createdAt&cursor=" + forged, "cursor", ListCursor.MALFORMED);
    }

    @Test
    void anotherTenantFindsNothingOfThisOnesTariffs() {
        Api other = as(TENANT_B);
        assertThat(other.get("/api/tariffs?name=" + id).body().get("items")).isEmpty();
        assertThat(other.get("/api/search?q=" + id).body().get("hits")).isEmpty();
        assertThat(other.get("/api/tariffs/" + tariff("a")).status()).isIn(403, 404);
    }

    @Test
    void aPropertyManagerSeesTheSharedTariffsAndTheOwnTariffsOfTheirAccountsOnly() {
        // given an account opened with a flat price in the manager's property (managed-a, application-test.yml) and
        // one in a property they do not manage: each has its own tariff, which names the account
        assertThat(admin.post("/api/properties", """
                {"propertyId":"managed-a","name":"Managed A"}""").status()).isIn(201, 422);
        assertThat(admin.post("/api/properties/managed-a/units", """
                {"unitId":"u-tlm%s","name":"Flat TLM %s"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/meters", """
                {"meterId":"m-tlm%s","unitId":"u-tlm%s","utility":"ELECTRICITY","serialNumber":"SN-tlm%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        Instant moveIn = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(admin.post("/api/accounts", """
                {"accountId":"a-tlm%s","unitId":"u-tlm%s","meterId":"m-tlm%s","currency":"EUR",
                 "pricePerUnitMinor":"10","openingReadAt":"%s","openingRegister":"0"}""".formatted(id, id, id, moveIn))
                .status()).isEqualTo(201);
        Premises.moveIn(admin, "tlo" + id, "10", moveIn, "0");
        String mine = "flat.a-tlm" + id;
        String theirs = "flat.a-tlo" + id;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(admin.get("/api/tariffs?name=" + id)
                .body())).containsExactly(mine, theirs, tariff("a"), tariff("b"), tariff("c")));
        Api manager = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "tenant-a-manager", "test-secret"));

        // when the manager lists the tariffs, then the shared ones and their own account's show, the other's does not
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(manager.get("/api/tariffs?name=" + id)
                .body())).containsExactly(mine, tariff("a"), tariff("b"), tariff("c")));
        // and the accounts counted on a shared tariff are the manager's only (the one on tl-ID-a is in p-tlID)
        JsonNode alder = manager.get("/api/tariffs?name=alder " + id).body().get("items").get(0);
        assertThat(alder.get("accounts").asLong()).isZero();
        assertThat(admin.get("/api/tariffs?name=alder " + id).body().get("items").get(0).get("accounts").asLong())
                .isEqualTo(1);
        // a cursor page of the manager's list holds nothing of the other property either
        JsonNode first = manager.get("/api/tariffs?name=%s&size=1".formatted(id)).body();
        assertThat(manager.get("/api/tariffs?name=%s&size=10&cursor=%s".formatted(id,
                first.get("nextCursor").asText())).body().toString()).doesNotContain(theirs);

        // and one tariff is found as it is listed: the other account's is not found, as an unknown id is not
        assertThat(manager.get("/api/tariffs/" + mine).status()).isEqualTo(200);
        assertThat(manager.get("/api/tariffs/" + tariff("a")).status()).isEqualTo(200);
        Api.Response other = manager.get("/api/tariffs/" + theirs);
        Api.Response unknown = manager.get("/api/tariffs/flat.no-such-" + id);
        assertThat(other.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(other.text("type")).isEqualTo(unknown.text("type"));
        assertThat(other.body().toString()).doesNotContain("flat price of account", "versions");
        assertThat(admin.get("/api/tariffs/" + theirs).status()).isEqualTo(200);

        // and the search box finds the same tariffs
        assertThat(hits(manager.get("/api/search?q=" + id).body()))
                .containsExactly(mine, tariff("a"), tariff("b"), tariff("c"));
        assertThat(hits(manager.get("/api/search?q=" + theirs).body())).isEmpty();
        assertThat(hits(admin.get("/api/search?q=" + theirs).body())).containsExactly(theirs);
    }

    @Test
    void anAccountCountsOnItsTariffWhileOpenOnceRepricedOnTheOtherAndForAManagerOnlyInTheirProperty() {
        // given tariff tl-ID-d with a version in force a moment from now, and a second account on tl-ID-a from then, in
        // the manager's property (managed-a, application-test.yml)
        create("d", "Dogwood " + id + " flat", "ELECTRICITY");
        Instant soon = publishSoon("d", """
                {"kind":"FLAT","price":"12"}""");
        assertThat(admin.post("/api/properties", """
                {"propertyId":"managed-a","name":"Managed A"}""").status()).isIn(201, 422);
        assertThat(admin.post("/api/properties/managed-a/units", """
                {"unitId":"u-tlr%s","name":"Flat TLR %s"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/meters", """
                {"meterId":"m-tlr%s","unitId":"u-tlr%s","utility":"ELECTRICITY","serialNumber":"SN-tlr%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        Api.Response opened = admin.post("/api/accounts", """
                {"accountId":"a-tlr%s","unitId":"u-tlr%s","meterId":"m-tlr%s","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(id, id, id, tariff("a"), soon));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        Api manager = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "tenant-a-manager", "test-secret"));
        String base = "/api/tariffs?name=" + id;
        awaitAccounts(admin, base, 2, 0);
        // the manager counts only the account in their property
        awaitAccounts(manager, base, 1, 0);

        // when the second account is re-priced by tl-ID-d, then it moves from one count to the other
        Api.Response assigned = admin.post("/api/tariffs/%s/assignments".formatted(tariff("d")), """
                {"accountIds":["a-tlr%s"]}""".formatted(id));
        assertThat(assigned.status()).as(assigned.body().toString()).isEqualTo(200);
        assertThat(assigned.body().get(0).get("outcome").asText()).as(assigned.body().toString()).isEqualTo("DONE");
        awaitAccounts(admin, base, 1, 1);
        awaitAccounts(manager, base, 0, 1);

        // when it moves out, then it counts on no tariff any more
        await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(soon));
        Api.Response movedOut = admin.post("/api/accounts/a-tlr%s/move-out".formatted(id), """
                {"finalReadAt":"%s","finalRegister":"0","settlement":"REFUND"}"""
                .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(movedOut.status()).as(movedOut.text("detail")).isEqualTo(204);
        awaitAccounts(admin, base, 1, 0);
        awaitAccounts(manager, base, 0, 0);
    }

    @Test
    void theSearchBoxFindsATariffByIdOrName() {
        assertThat(hits(admin.get("/api/search?q=" + tariff("b")).body())).containsExactly(tariff("b"));
        assertThat(hits(admin.get("/api/search?q=cedar " + id).body())).containsExactly(tariff("c"));
        assertThat(hits(admin.get("/api/search?q=" + id).body()))
                .containsExactly(tariff("a"), tariff("b"), tariff("c"));
    }

    @Test
    void aRebuildOfTheTariffProjectionFromTheEventStoreEndsWithTheSameRows() throws Exception {
        // given the list as the live projection has it
        String base = "/api/tariffs?name=" + id;
        JsonNode before = admin.get(base).body().get("items");
        Api platform = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "platform-admin", "test-secret"));
        String rebuild = "/api/audit/projections/tariff-projection/rebuild";
        assertThat(admin.post(rebuild, "{}").status()).isEqualTo(403);

        // when a platform operator rebuilds it
        Api.Response started = platform.post(rebuild, "{}");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(platform.get(rebuild + "/status").text("state")).isEqualTo("DONE"));

        // then the list shows the same tariffs, versions in force and accounts again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.get(base).body().get("items")).isEqualTo(before));
    }

    @Test
    void theListIsDescribedInTheOpenApiDocumentWithItsFilters() {
        JsonNode operation = anonymous().get("/v3/api-docs").body().path("paths").path("/api/tariffs").path("get");
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> parameters.add(parameter.get("name").asText()));
        assertThat(parameters).contains("utility", "kind", "state", "name", "page", "size", "sort", "cursor");
        assertThat(operation.path("summary").asText()).contains("tariffs", "version in force");
    }

    /** Waits until the list of this test's tariffs counts these open accounts on tl-ID-a and (if listed) tl-ID-d. */
    private void awaitAccounts(Api caller, String list, long onA, long onD) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode items = caller.get(list).body().get("items");
            for (JsonNode item : items) {
                if (item.get("tariffId").asText().equals(tariff("a"))) {
                    assertThat(item.get("accounts").asLong()).as("accounts on a").isEqualTo(onA);
                }
                if (item.get("tariffId").asText().equals(tariff("d"))) {
                    assertThat(item.get("accounts").asLong()).as("accounts on d").isEqualTo(onD);
                }
            }
            assertThat(ids(caller.get(list).body())).contains(tariff("a"), tariff("d"));
        });
    }

    private void create(String suffix, String name, String utility) {
        Api.Response created = admin.post("/api/tariffs", """
                {"tariffId":"%s","name":"%s","utility":"%s","currency":"EUR","zone":"UTC"}"""
                .formatted(tariff(suffix), name, utility));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    private void publish(String suffix, Instant effectiveFrom, String schedule) {
        Api.Response published = admin.post("/api/tariffs/%s/versions".formatted(tariff(suffix)), """
                {"effectiveFrom":"%s","schedule":%s,"standingChargePerDay":"0"}""".formatted(effectiveFrom, schedule));
        assertThat(published.status()).as(published.body().toString()).isEqualTo(201);
    }

    /**
     * Publishes a version a few seconds ahead: a version never takes effect in the past, and on the shared machine a
     * request may take longer than that lead, which the tariff rightly refuses as back-dated; then again, further ahead.
     */
    private Instant publishSoon(String suffix, String schedule) {
        for (int lead = 5; ; lead *= 2) {
            Instant soon = Instant.now().plusSeconds(lead).truncatedTo(ChronoUnit.SECONDS);
            Api.Response published = admin.post("/api/tariffs/%s/versions".formatted(tariff(suffix)), """
                    {"effectiveFrom":"%s","schedule":%s,"standingChargePerDay":"0"}""".formatted(soon, schedule));
            if (published.status() == 201) {
                return soon;
            }
            assertThat(published.text("rule")).as(published.body().toString()).isEqualTo("tariff-version-back-dated");
            assertThat(lead).as("lead in seconds before giving up").isLessThan(80);
        }
    }

    private String tariff(String suffix) {
        return "tl-" + id + "-" + suffix;
    }

    private void assertRefused(String path, String parameter) {
        Api.Response answer = admin.get(path);
        assertThat(answer.status()).as(path + " -> " + answer.body()).isEqualTo(400);
        assertThat(answer.text("field")).as(path + " -> " + answer.body()).isEqualTo(parameter);
    }

    private void assertRefused(String path, String parameter, String rule) {
        assertRefused(path, parameter);
        assertThat(admin.get(path).text("rule")).as(path).isEqualTo(rule);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("tariffId").asText()));
        return ids;
    }

    private static List<String> hits(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("hits").forEach(hit -> {
            if (hit.get("kind").asText().equals("TARIFF")) {
                ids.add(hit.get("id").asText());
            }
        });
        return ids;
    }
}
