package com.meterledger.app.listing;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.listing.CursorBinding;
import com.meterledger.api.listing.ListCursor;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The list endpoints and the search box through the real API: filters, sort, paging, a property manager's scope,
 * another tenant's view, and nonsense parameters answered 400 naming the parameter. Paths are written unencoded: the
 * client encodes them (a control character goes out as %01). Each test makes its own property
 * (ids carry a fresh marker), so the shared tenant's other data never matters: every list is narrowed to it.
 */
class ListsAndSearchTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    EmbeddedMailSink mailbox;

    private String id;
    private String property;
    private Api admin;

    /** Property lst-ID: units Alpha, Beta, Gamma; electricity accounts e1..e3, a water account w1 on Alpha. */
    @BeforeEach
    void aPropertyWithFourAccounts() {
        id = UUID.randomUUID().toString().substring(0, 8);
        property = "lst-" + id;
        admin = as(TENANT_A);
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Lists Court %s"}""".formatted(property, id)).status()).isEqualTo(201);
        String[] names = {"Alpha", "Beta", "Gamma"};
        for (int i = 1; i <= 3; i++) {
            assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                    {"unitId":"lu%d-%s","name":"Flat %s %s"}""".formatted(i, id, names[i - 1], id)).status())
                    .isEqualTo(201);
            openAccount("le" + i + "-" + id, "lu" + i + "-" + id, "ELECTRICITY", "la" + i + "-" + id);
        }
        openAccount("lw1-" + id, "lu1-" + id, "WATER", "lw1a-" + id);
        topUp("la1-" + id, 5_000);
        topUp("la2-" + id, 100);
        topUp("lw1a-" + id, 2_500);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode page = admin.get("/api/accounts?property=%s&sort=-balance".formatted(property)).body();
            assertThat(ids(page, "accountId")).hasSize(4);
            assertThat(page.get("items").get(0).get("balanceMinor").asLong()).isEqualTo(5_000);
            assertThat(page.get("items").get(2).get("balanceMinor").asLong()).isEqualTo(100);
        });
    }

    @Test
    void accountsOfAPropertySortedByBalanceDescendingComeInPagesThatNeitherOverlapNorSkip() {
        // when the list is read two rows at a time
        JsonNode first = admin.get("/api/accounts?property=%s&sort=-balance&size=2".formatted(property)).body();
        JsonNode second = admin.get("/api/accounts?property=%s&sort=-balance&size=2&page=1".formatted(property)).body();

        // then the pages follow each other by balance, and only the first says there is more
        assertThat(ids(first, "accountId")).containsExactly("la1-" + id, "lw1a-" + id);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(first.get("sort").asText()).isEqualTo("-balance");
        assertThat(ids(second, "accountId")).containsExactly("la2-" + id, "la3-" + id);
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        JsonNode top = first.get("items").get(0);
        assertThat(top.get("unitId").asText()).isEqualTo("lu1-" + id);
        assertThat(top.get("utility").asText()).isEqualTo("ELECTRICITY");
        assertThat(top.get("propertyId").asText()).isEqualTo(property);
    }

    @Test
    void aCursorWalksTheListInTheSameOrderAsOffsetPagesAndEndsWithoutOne() {
        for (String sort : List.of("-balance", "lastReadAt", "-lastReadAt", "unitId", "accountId")) {
            // given the whole list in one offset page
            String base = "/api/accounts?property=%s&sort=%s".formatted(property, sort);
            List<String> whole = ids(admin.get(base).body(), "accountId");

            // when it is read one row at a time, each page from the previous page's cursor
            List<String> walked = new ArrayList<>();
            JsonNode page = admin.get(base + "&size=1").body();
            walked.addAll(ids(page, "accountId"));
            while (page.get("hasMore").asBoolean()) {
                page = admin.get(base + "&size=1&cursor=" + page.get("nextCursor").asText()).body();
                walked.addAll(ids(page, "accountId"));
            }

            // then the rows come in the same order, each once, and the last page has no cursor
            assertThat(walked).as(sort).hasSize(4).isEqualTo(whole);
            assertThat(page.get("nextCursor").isNull()).as(sort).isTrue();
        }
        JsonNode meters = admin.get("/api/meters?property=%s&sort=-lastReadAt&size=3".formatted(property)).body();
        JsonNode rest = admin.get("/api/meters?property=%s&sort=-lastReadAt&size=3&cursor=%s"
                .formatted(property, meters.get("nextCursor").asText())).body();
        assertThat(ids(rest, "meterId")).hasSize(1).doesNotContainAnyElementsOf(ids(meters, "meterId"));
    }

    @Test
    void aCursorThatIsNotOursOrWasMadeForAnotherSortIsRefusedNamingIt() {
        String cursor = admin.get("/api/accounts?property=%s&sort=-balance&size=1".formatted(property)).body()
                .get("nextCursor").asText();
        assertRefused("/api/accounts?sort=balance&cursor=" + cursor, "cursor");
        assertRefused("/api/accounts?sort=-balance&page=1&cursor=" + cursor, "cursor");
        assertRefused("/api/accounts?cursor=not-a-cursor", "cursor");
        assertRefused("/api/accounts?cursor=%25%25%25", "cursor");
        // a well-formed cursor of this list whose balance is not a number: refused, never a 500
        String forged = new ListCursor(CursorBinding.of("accounts", "-balance", Arrays.asList(null, null, null, null,
                null, null)), "lots", "la1").encode();
        assertRefused("/api/accounts?sort=-balance&cursor=" + forged, "cursor", ListCursor.MALFORMED);
        // a cursor of the former shape, which named its sort only: not one of ours
        String former = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "c1\n-balance\n100\nla1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRefused("/api/accounts?sort=-balance&cursor=" + former, "cursor", ListCursor.MALFORMED);
        assertRefused("/api/meters?cursor=" + "A".repeat(500), "cursor");
    }

    @Test
    void aCursorContinuesOnlyTheListSortAndFiltersItWasMadeForAndIsRefusedByItsRuleElsewhere() {
        // given the next cursors of this property's units, accounts and meters, each in its list's default sort
        String units = admin.get("/api/units?property=%s&sort=unitId&size=1".formatted(property)).body()
                .get("nextCursor").asText();
        String accounts = admin.get("/api/accounts?property=%s&sort=accountId&size=1".formatted(property)).body()
                .get("nextCursor").asText();
        String meters = admin.get("/api/meters?property=%s&size=1".formatted(property)).body()
                .get("nextCursor").asText();

        // then another list refuses each, however alike their sort keys, and changes nothing
        for (String list : List.of("/api/gateways", "/api/accounts", "/api/meters", "/api/tariffs")) {
            assertRefused(list + "?property=%s&cursor=%s".formatted(property, units), "cursor",
                    "list-cursor-other-list");
        }
        assertRefused("/api/units?property=%s&sort=unitId&cursor=%s".formatted(property, accounts), "cursor",
                "list-cursor-other-list");
        assertRefused("/api/accounts?property=%s&cursor=%s".formatted(property, meters), "cursor",
                "list-cursor-other-list");
        // and the same list refuses it with another sort or other filters
        assertRefused("/api/units?property=%s&sort=-unitId&cursor=%s".formatted(property, units), "cursor",
                ListCursor.OTHER_SORT);
        assertRefused("/api/units?cursor=" + units, "cursor", "list-cursor-other-filters");
        assertRefused("/api/accounts?property=%s&utility=WATER&cursor=%s".formatted(property, accounts), "cursor",
                "list-cursor-other-filters");
        assertRefused("/api/meters?property=%s&supplyOff=false&cursor=%s".formatted(property, meters), "cursor",
                "list-cursor-other-filters");
        // while the list, sort and filters it was made for continue after its row
        assertThat(ids(admin.get("/api/units?property=%s&sort=unitId&cursor=%s".formatted(property, units)).body(),
                "unitId")).containsExactly("lu2-" + id, "lu3-" + id);
        assertThat(ids(admin.get("/api/accounts?property=%s&cursor=%s".formatted(property, accounts)).body(),
                "accountId")).hasSize(3).doesNotContain("la1-" + id);
    }

    @Test
    void accountFiltersNarrowTheListToWhatTheyName() {
        String base = "/api/accounts?property=" + property;
        assertThat(ids(admin.get(base + "&balanceBelow=1000").body(), "accountId"))
                .containsExactly("la2-" + id, "la3-" + id);
        assertThat(ids(admin.get(base + "&utility=water").body(), "accountId")).containsExactly("lw1a-" + id);
        assertThat(ids(admin.get(base + "&state=CLOSED").body(), "accountId")).isEmpty();
        assertThat(ids(admin.get(base + "&supplyOff=true").body(), "accountId")).isEmpty();
        assertThat(ids(admin.get(base + "&supplyOff=false&sort=accountId").body(), "accountId"))
                .containsExactly("la1-" + id, "la2-" + id, "la3-" + id, "lw1a-" + id);
    }

    @Test
    void aMeterReadJustNowDropsOutOfTheNotReadSinceFilter() {
        // given a fresh reading on the first electricity meter
        assertThat(admin.post("/api/meters/le1-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"101"}""".formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .status()).isIn(200, 201, 202);
        String notReadSince = "/api/meters?property=%s&lastReadingBefore=%s".formatted(property,
                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));

        // then the meters not read in the last hour are the three others, and accounts filter alike
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(admin.get(notReadSince).body(),
                "meterId")).containsExactly("le2-" + id, "le3-" + id, "lw1-" + id));
        assertThat(ids(admin.get(notReadSince.replace("/api/meters", "/api/accounts")).body(), "accountId"))
                .containsExactly("la2-" + id, "la3-" + id, "lw1a-" + id);
        JsonNode newest = admin.get("/api/meters?property=%s&sort=-lastReadAt&size=1".formatted(property)).body();
        assertThat(ids(newest, "meterId")).containsExactly("le1-" + id);
        assertThat(ids(admin.get("/api/meters?property=%s&utility=WATER".formatted(property)).body(), "meterId"))
                .containsExactly("lw1-" + id);
    }

    @Test
    void unitsPropertiesAndGatewaysListWithTheirOwnFiltersAndSorts() {
        assertThat(ids(admin.get("/api/units?property=%s&sort=-name".formatted(property)).body(), "unitId"))
                .containsExactly("lu3-" + id, "lu2-" + id, "lu1-" + id);
        assertThat(ids(admin.get("/api/properties?size=200").body(), "propertyId")).contains(property);

        // a gateway never heard from is offline
        assertThat(admin.post("/api/gateways", """
                {"gatewayId":"lgw-%s","propertyId":"%s","name":"Roof %s"}""".formatted(id, property, id)).status())
                .isEqualTo(201);
        JsonNode offline = admin.get("/api/gateways?property=%s&offline=true".formatted(property)).body();
        assertThat(ids(offline, "gatewayId")).containsExactly("lgw-" + id);
        assertThat(offline.get("items").get(0).get("online").asBoolean()).isFalse();
        assertThat(offline.get("items").get(0).has("secret")).isFalse();
        assertThat(ids(admin.get("/api/gateways?property=%s&offline=false".formatted(property)).body(), "gatewayId"))
                .isEmpty();
    }

    @Test
    void unitAndGatewayCursorsWalkTheirListsInTheSameOrderAsOffsetPagesAndEndWithoutOne() {
        // given three gateways of the property, named against the order of their ids, none heard from yet
        String[] roofs = {"Gamma", "Beta", "Alpha"};
        for (int i = 1; i <= 3; i++) {
            assertThat(admin.post("/api/gateways", """
                    {"gatewayId":"lgw%d-%s","propertyId":"%s","name":"Roof %s %s"}"""
                    .formatted(i, id, property, roofs[i - 1], id)).status()).isEqualTo(201);
        }
        Map<String, List<String>> sorts = Map.of(
                "/api/units", List.of("unitId", "-unitId", "name", "-name", "propertyId"),
                "/api/gateways", List.of("gatewayId", "-name", "name", "lastSeenAt", "-lastSeenAt", "propertyId"));
        for (Map.Entry<String, List<String>> list : sorts.entrySet()) {
            String field = list.getKey().equals("/api/units") ? "unitId" : "gatewayId";
            for (String sort : list.getValue()) {
                // given the whole list in one offset page
                String base = "%s?property=%s&sort=%s".formatted(list.getKey(), property, sort);
                List<String> whole = ids(admin.get(base).body(), field);

                // when it is read one row at a time, each page from the previous page's cursor
                List<String> walked = new ArrayList<>();
                JsonNode page = admin.get(base + "&size=1").body();
                walked.addAll(ids(page, field));
                while (page.get("hasMore").asBoolean()) {
                    page = admin.get(base + "&size=1&cursor=" + page.get("nextCursor").asText()).body();
                    walked.addAll(ids(page, field));
                }

                // then the rows come in the same order, each once, and the last page has no cursor
                assertThat(walked).as(base).hasSize(3).isEqualTo(whole);
                assertThat(page.get("nextCursor").isNull()).as(base).isTrue();
            }
        }
        assertThat(ids(admin.get("/api/gateways?property=%s&sort=name".formatted(property)).body(), "gatewayId"))
                .containsExactly("lgw3-" + id, "lgw2-" + id, "lgw1-" + id);
        // a manager's cursor continues within their properties only
        Api manager = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "tenant-a-manager", "test-secret"));
        String cursor = admin.get("/api/units?size=1").body().get("nextCursor").asText();
        Api.Response managersPage = manager.get("/api/units?size=200&cursor=" + cursor);
        assertThat(managersPage.status()).isEqualTo(200);
        assertThat(managersPage.body().toString()).doesNotContain(property);
    }

    @Test
    void aUnitOrGatewayCursorThatIsNotOursOrWasMadeForAnotherSortIsRefusedNamingIt() {
        String cursor = admin.get("/api/units?property=%s&sort=-name&size=1".formatted(property)).body()
                .get("nextCursor").asText();
        assertRefused("/api/units?sort=name&cursor=" + cursor, "cursor");
        assertRefused("/api/units?sort=-name&page=1&cursor=" + cursor, "cursor");
        assertRefused("/api/units?cursor=not-a-cursor", "cursor");
        assertRefused("/api/gateways?cursor=%25%25%25", "cursor");
        assertRefused("/api/gateways?cursor=" + "A".repeat(500), "cursor");
        assertRefused("/api/gateways?sort=name&cursor=" + cursor, "cursor");
        assertRefused("/api/units?sort=floor", "sort");
        assertRefused("/api/gateways?size=201", "size");
        // a well-formed cursor of this list whose moment is not a moment: refused, never a 500
        String forged = new ListCursor(CursorBinding.of("gateways", "lastSeenAt", Arrays.asList(null, null)),
                "yesterday", "lgw1").encode();
        assertRefused("/api/gateways?sort=lastSeenAt&cursor=" + forged, "cursor", ListCursor.MALFORMED);
    }

    @Test
    void propertyCursorsWalkTheWholeListInEachSortWithoutOverlapOrGapAndEndWithoutOne() {
        // given a tenant of its own with five properties, named against the order of their ids, two of them alike
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api landlord = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String[] names = {"Elm", "Dale", "Cove", "Cove", "Ash"};
        for (int i = 1; i <= names.length; i++) {
            assertThat(landlord.post("/api/properties", """
                    {"propertyId":"pc%d-%s","name":"%s Court"}""".formatted(i, id, names[i - 1])).status())
                    .isEqualTo(201);
        }

        for (String sort : List.of("propertyId", "-propertyId", "name", "-name")) {
            // given the whole list in one page, and its second page of two by number
            String base = "/api/properties?sort=" + sort;
            List<String> whole = ids(landlord.get(base).body(), "propertyId");
            List<String> secondByNumber = ids(landlord.get(base + "&size=2&page=1").body(), "propertyId");

            // when it is read two rows at a time, each page from the previous page's cursor
            List<List<String>> pages = new ArrayList<>();
            JsonNode page = landlord.get(base + "&size=2").body();
            pages.add(ids(page, "propertyId"));
            while (page.get("hasMore").asBoolean()) {
                page = landlord.get(base + "&size=2&cursor=" + page.get("nextCursor").asText()).body();
                pages.add(ids(page, "propertyId"));
            }

            // then the three pages hold every property once, in the list's order, and the last page has no cursor
            List<String> walked = pages.stream().flatMap(List::stream).toList();
            assertThat(pages).as(sort).hasSize(3);
            assertThat(walked).as(sort).hasSize(5).doesNotHaveDuplicates().isEqualTo(whole);
            assertThat(page.get("nextCursor").isNull()).as(sort).isTrue();
            // and the page number still reaches the same rows as the cursor
            assertThat(secondByNumber).as(sort).isEqualTo(pages.get(1));
        }
        // the two properties of one name follow each other by id, in the name's direction
        assertThat(ids(landlord.get("/api/properties?sort=name").body(), "propertyId")).containsExactly(
                "pc5-" + id, "pc3-" + id, "pc4-" + id, "pc2-" + id, "pc1-" + id);
        assertThat(ids(landlord.get("/api/properties?sort=-name").body(), "propertyId")).containsExactly(
                "pc1-" + id, "pc2-" + id, "pc4-" + id, "pc3-" + id, "pc5-" + id);
    }

    @Test
    void aPropertyCursorContinuesOnlyThePropertyListInItsSortAndIsRefusedByItsRuleElsewhere() {
        // given the next cursors of the tenant's properties by name and of this property's units by name
        String properties = admin.get("/api/properties?sort=name&size=1").body().get("nextCursor").asText();
        String units = admin.get("/api/units?property=%s&sort=name&size=1".formatted(property)).body()
                .get("nextCursor").asText();

        // then other lists refuse the property cursor, and the property list refuses the unit cursor
        for (String list : List.of("/api/units", "/api/gateways", "/api/accounts", "/api/meters", "/api/tariffs")) {
            assertRefused(list + "?cursor=" + properties, "cursor", "list-cursor-other-list");
        }
        assertRefused("/api/properties?sort=name&cursor=" + units, "cursor", "list-cursor-other-list");
        // and the property list refuses its own cursor with another sort, with a page, or one that is not ours
        assertRefused("/api/properties?sort=-name&cursor=" + properties, "cursor", ListCursor.OTHER_SORT);
        assertRefused("/api/properties?cursor=" + properties, "cursor", ListCursor.OTHER_SORT);
        assertRefused("/api/properties?sort=name&page=1&cursor=" + properties, "cursor", "list-cursor-with-page");
        assertRefused("/api/properties?cursor=not-a-cursor", "cursor", ListCursor.MALFORMED);
        assertRefused("/api/properties?cursor=" + "A".repeat(500), "cursor", ListCursor.MALFORMED);

        // while in the list and sort it was made for it continues after its row
        String first = ids(admin.get("/api/properties?sort=name&size=1").body(), "propertyId").getFirst();
        Api.Response next = admin.get("/api/properties?sort=name&size=200&cursor=" + properties);
        assertThat(next.status()).isEqualTo(200);
        assertThat(ids(next.body(), "propertyId")).isNotEmpty().doesNotContain(first);
    }

    @Test
    void theSearchBoxFindsUnitsAccountsMetersAndGatewaysByIdOrName() {
        assertThat(admin.post("/api/gateways", """
                {"gatewayId":"lgw-%s","propertyId":"%s","name":"Roof %s"}""".formatted(id, property, id)).status())
                .isEqualTo(201);

        // by a unit's name, in any case
        JsonNode byName = admin.get("/api/search?q=beta " + id.toUpperCase()).body();
        assertThat(hits(byName, "UNIT")).containsExactly("lu2-" + id);

        // by text inside ids: every kind that has it
        JsonNode byId = admin.get("/api/search?q=" + id).body();
        assertThat(hits(byId, "UNIT")).containsExactly("lu1-" + id, "lu2-" + id, "lu3-" + id);
        assertThat(hits(byId, "ACCOUNT")).containsExactlyInAnyOrder("la1-" + id, "la2-" + id, "la3-" + id, "lw1a-" + id);
        assertThat(hits(byId, "METER")).containsExactlyInAnyOrder("le1-" + id, "le2-" + id, "le3-" + id, "lw1-" + id);
        assertThat(hits(byId, "GATEWAY")).containsExactly("lgw-" + id);

        // a percent sign is text, not a wildcard
        assertThat(admin.get("/api/search?q=%%").body().get("hits")).isEmpty();
        assertThat(hits(admin.get("/api/search?q=lu_-" + id).body(), "UNIT")).isEmpty();
    }

    @Test
    void aPropertyManagerListsAndFindsOnlyWithinTheirProperties() {
        Api manager = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "tenant-a-manager", "test-secret"));
        for (String list : List.of("/api/accounts", "/api/meters", "/api/units", "/api/gateways")) {
            JsonNode page = manager.get(list + "?property=" + property).body();
            assertThat(page.get("items")).as(list).isEmpty();
            assertThat(manager.get(list + "?size=200").body().toString()).as(list).doesNotContain(property);
        }
        // the manager's token names managed-a only (application-test.yml)
        assertThat(ids(manager.get("/api/properties?size=200").body(), "propertyId")).doesNotContain(property)
                .allMatch("managed-a"::equals);
        assertThat(manager.get("/api/search?q=" + id).body().get("hits")).isEmpty();
    }

    @Test
    void anotherTenantFindsNothingOfThisOne() {
        Api other = as(TENANT_B);
        assertThat(other.get("/api/search?q=" + id).body().get("hits")).isEmpty();
        assertThat(other.get("/api/accounts?property=" + property).body().get("items")).isEmpty();
        assertThat(other.get("/api/units?property=" + property).body().get("items")).isEmpty();
    }

    @Test
    void nonsenseParametersAreRefusedWith400NamingTheParameter() {
        assertRefused("/api/accounts?sort=password", "sort");
        assertRefused("/api/accounts?sort=-", "sort");
        assertRefused("/api/meters?page=-1", "page");
        assertRefused("/api/accounts?size=1000000000", "size");
        assertRefused("/api/accounts?size=0", "size");
        assertRefused("/api/accounts?size=10000000000", "size");
        assertRefused("/api/accounts?page=51&size=200", "page");
        assertRefused("/api/accounts?lastReadingBefore=yesterday", "lastReadingBefore");
        assertRefused("/api/meters?lastReadingBefore=2026-13-01T00:00:00Z", "lastReadingBefore");
        assertRefused("/api/accounts?balanceBelow=lots", "balanceBelow");
        assertRefused("/api/accounts?state=HAPPY", "state");
        assertRefused("/api/accounts?state=\u0001", "state");
        assertRefused("/api/accounts?utility=GAS", "utility");
        assertRefused("/api/accounts?supplyOff=maybe", "supplyOff");
        assertRefused("/api/units?property=a\u0001b", "property");
        assertRefused("/api/units?property=a b", "property");
        assertRefused("/api/gateways?offline=sometimes", "offline");
        assertRefused("/api/properties?sort=address", "sort");
        assertRefused("/api/search?q=a", "q");
        assertRefused("/api/search", "q");
        assertRefused("/api/search?q=ab\u0007c", "q");
        assertRefused("/api/search?q=" + "x".repeat(101), "q");
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

    private void openAccount(String meter, String unit, String utility, String account) {
        assertThat(admin.post("/api/meters", """
                {"meterId":"%s","unitId":"%s","utility":"%s","serialNumber":"SN-%s"}"""
                .formatted(meter, unit, utility, meter)).status()).isEqualTo(201);
        assertThat(admin.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"10",
                 "openingReadAt":"%s","openingRegister":"100"}""".formatted(account, unit, meter, MOVE_IN)).status())
                .isEqualTo(201);
    }

    private void topUp(String account, long amount) {
        assertThat(admin.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":%d,"currency":"EUR","reference":"lst-%s"}""".formatted(amount, account)).status())
                .isEqualTo(201);
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    private static List<String> hits(JsonNode answer, String kind) {
        List<String> ids = new ArrayList<>();
        answer.get("hits").forEach(hit -> {
            if (hit.get("kind").asText().equals(kind)) {
                ids.add(hit.get("id").asText());
            }
        });
        return ids;
    }
}
