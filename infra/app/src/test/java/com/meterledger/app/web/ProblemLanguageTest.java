package com.meterledger.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem's {@code title} and {@code detail} are for people, in their language: the person's choice (the language
 * cookie), then the tenant's language (from the token), then {@code Accept-Language}. Its {@code rule} and
 * {@code field} are for programs and read the same in every language.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemLanguageTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedMailSink mailbox;

    private final HttpClient http = HttpClient.newHttpClient();
    private String chinese;
    private String english;

    @BeforeAll
    void aChineseAndAnEnglishTenant() {
        SignedUpTenants.SignedUp zh = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        SignedUpTenants.SignedUp en = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        chinese = PersonTokens.signIn(port, zh.email(), zh.password()).orElseThrow();
        english = PersonTokens.signIn(port, en.email(), en.password()).orElseThrow();
    }

    @Test
    void givenAChineseTenant_whenAnIdIsUnknown_thenTheProblemSpeaksChinese_andInEnglishForAnEnglishTenant()
            throws Exception {
        String missing = "no-such-" + UUID.randomUUID().toString().substring(0, 8);

        JsonNode zh = problem("GET", "/api/accounts/" + missing, null, chinese, "en-GB", null);
        assertThat(zh.get("title").asText()).isEqualTo("未找到");
        assertThat(zh.get("detail").asText()).isEqualTo("未找到账户 " + missing);

        JsonNode en = problem("GET", "/api/accounts/" + missing, null, english, "zh-CN", null);
        assertThat(en.get("title").asText()).isEqualTo("Not found");
        assertThat(en.get("detail").asText()).isEqualTo("account " + missing + " was not found");
    }

    @Test
    void givenARuleRefusal_whenEachTenantIsRefused_thenTheWordsFollowTheLanguage_andTheRuleCodeStaysTheSame()
            throws Exception {
        for (String token : new String[]{chinese, english}) {
            String property = "p-pl-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"propertyId\":\"%s\",\"name\":\"Court\"}".formatted(property);
            assertThat(send("POST", "/api/properties", body, token, null, null).statusCode()).isEqualTo(201);
            JsonNode taken = problem("POST", "/api/properties", body, token, null, null);
            assertThat(taken.get("rule").asText()).isEqualTo("property-exists");
            if (token.equals(chinese)) {
                assertThat(taken.get("title").asText()).isEqualTo("不符合规则");
                assertThat(taken.get("detail").asText()).isEqualTo("该物业编号已存在，请换一个。");
            } else {
                assertThat(taken.get("title").asText()).isEqualTo("Rule violated");
                assertThat(taken.get("detail").asText()).isEqualTo("property " + property + " already exists");
            }
        }
    }

    @Test
    void givenAChineseTenant_whenThePersonChoseEnglish_thenTheirChoiceWins_andABrokenBodyIsSaidInTheirWords()
            throws Exception {
        JsonNode zh = problem("POST", "/api/properties", "{", chinese, null, null);
        assertThat(zh.get("title").asText()).isEqualTo("请求无效");
        assertThat(zh.get("detail").asText()).isEqualTo("请求体不是格式正确的 JSON");

        JsonNode chosen = problem("POST", "/api/properties", "{", chinese, null, "meterledger_lang=en");
        assertThat(chosen.get("title").asText()).isEqualTo("Invalid request");
        assertThat(chosen.get("detail").asText()).isEqualTo("the body is not well-formed JSON");
    }

    /**
     * A rejected reading speaks the reader's language like every other problem: its rule is the rejection's stable
     * reason, its reason the case of it, and the Chinese detail names the values the English one compares.
     */
    @Test
    void givenAReadingOlderThanTheLast_whenItIsRejected_thenTheProblemSpeaksTheReadersLanguage_andItsCodesStay()
            throws Exception {
        String id = "rr-" + UUID.randomUUID().toString().substring(0, 8);
        Instant opened = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String landlord = TestTokens.adminOf(IntegrationTest.TENANT_A, port);
        Premises.moveIn(new Api("http://localhost:" + port, landlord), id, "10", opened, "1000");
        Instant latest = opened.plus(Duration.ofHours(2));
        assertThat(send("POST", "/api/meters/m-" + id + "/readings",
                "{\"readAt\":\"%s\",\"registerValue\":1002}".formatted(latest), landlord, null, null).statusCode())
                .isEqualTo(201);
        Instant earlier = opened.plus(Duration.ofHours(1));
        String reading = "{\"readAt\":\"%s\",\"registerValue\":1001}".formatted(earlier);

        JsonNode zh = problem("POST", "/api/meters/m-" + id + "/readings", reading, landlord, null,
                "meterledger_lang=zh-CN");
        JsonNode en = problem("POST", "/api/meters/m-" + id + "/readings", reading, landlord, "en", null);

        assertThat(zh.get("status").asInt()).isEqualTo(422);
        assertThat(zh.get("title").asText()).isEqualTo("读数被拒收");
        assertThat(zh.get("detail").asText()).as("the moments on the tenant's clock (UTC), the Chinese way")
                .isEqualTo("读数时间 " + chinese(earlier, ZoneOffset.UTC) + " UTC 不晚于最近一次被接受的读数时间 "
                        + chinese(latest, ZoneOffset.UTC) + " UTC。");
        assertThat(en.get("title").asText()).isEqualTo("Reading rejected");
        assertThat(en.get("detail").asText()).as("the moments on the tenant's clock (UTC), the English way")
                .isEqualTo("read at " + english(earlier, ZoneOffset.UTC) + " UTC, not after the latest accepted "
                        + "reading at " + english(latest, ZoneOffset.UTC) + " UTC");
        for (JsonNode problem : List.of(zh, en)) {
            assertThat(problem.get("rule").asText()).isEqualTo("OUT_OF_ORDER");
            assertThat(problem.get("reason").asText()).isEqualTo("reading-not-after-latest");
            assertThat(figures(problem)).as("the exact instants, for programs")
                    .containsExactly(earlier.toString(), latest.toString());
        }
    }

    /**
     * A rule that covers several reasons (a tariff's tiers) keeps its code and names its reason; the Chinese detail
     * names the tier at fault, as the English one does.
     */
    @Test
    void givenATierOpenEndedInTheMiddle_whenItIsRefused_thenTheDetailNamesTheTierInTheReadersLanguage()
            throws Exception {
        String tariff = "tiers-" + UUID.randomUUID().toString().substring(0, 8);
        String landlord = TestTokens.adminOf(IntegrationTest.TENANT_A, port);
        assertThat(send("POST", "/api/tariffs", """
                {"tariffId":"%s","name":"Tariff %s","utility":"ELECTRICITY","currency":"EUR","zone":"UTC"}"""
                .formatted(tariff, tariff), landlord, null, null).statusCode()).isEqualTo(201);
        String version = """
                {"effectiveFrom":"%s","standingChargePerDay":"0","schedule":{"kind":"TIERED","period":"MONTH",
                 "tiers":[{"upTo":"50","price":"10"},{"price":"20"},{"price":"30"}]}}"""
                .formatted(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));

        JsonNode zh = problem("POST", "/api/tariffs/" + tariff + "/versions", version, landlord, null,
                "meterledger_lang=zh-CN");
        JsonNode en = problem("POST", "/api/tariffs/" + tariff + "/versions", version, landlord, "en", null);

        assertThat(zh.get("status").asInt()).isEqualTo(422);
        assertThat(zh.get("detail").asText()).isEqualTo("只有最后一档可以不设上限；第 2 档没有设上限。");
        assertThat(en.get("detail").asText()).isEqualTo("only the last tier may be open-ended; tier 2 has no bound");
        for (JsonNode problem : List.of(zh, en)) {
            assertThat(problem.get("rule").asText()).isEqualTo("tariff-tiers-malformed");
            assertThat(problem.get("reason").asText()).isEqualTo("tariff-tier-unbounded-not-last");
        }
    }

    /**
     * A moment a refusal names is read on the tenant's clock: for a tenant in Asia/Shanghai, eight hours ahead of the
     * instant the rule compared, with the zone named, as the tenant's pages write moments, in Chinese and in English;
     * the problem's {@code figures} keep the instants, the clock's too.
     */
    @Test
    void givenAShanghaiTenant_whenAReadingFromTheFutureIsRejected_thenTheChineseDetailWritesItsMomentOnShanghaisClock()
            throws Exception {
        String id = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.unitWithMeter(new Api("http://localhost:" + port, chinese), id);
        Instant ahead = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String reading = "{\"readAt\":\"%s\",\"registerValue\":1001}".formatted(ahead);

        JsonNode zh = problem("POST", "/api/meters/m-" + id + "/readings", reading, chinese, null, null);
        JsonNode en = problem("POST", "/api/meters/m-" + id + "/readings", reading, chinese, null,
                "meterledger_lang=en");

        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(zh.get("reason").asText()).isEqualTo("reading-ahead-of-clock");
        for (JsonNode problem : List.of(zh, en)) {
            assertThat(figures(problem)).as("the reading's instant, the limit, our clock's instant").hasSize(3)
                    .startsWith(ahead.toString(), "5");
        }
        Instant zhClock = Instant.parse(figures(zh).get(2));
        Instant enClock = Instant.parse(figures(en).get(2));
        assertThat(zh.get("detail").asText()).as(zh.toString())
                .isEqualTo("读数时间 " + chinese(ahead, shanghai) + " Asia/Shanghai 比本系统时间 "
                        + chinese(zhClock, shanghai) + " Asia/Shanghai 超前超过 5 分钟。");
        assertThat(en.get("detail").asText()).as(en.toString())
                .isEqualTo("read at " + english(ahead, shanghai) + " Asia/Shanghai, more than 5 minutes ahead of "
                        + english(enClock, shanghai) + " Asia/Shanghai");
    }

    /**
     * A refused move-in names the opening reading (开户读数), a refused move-out the final reading (结算读数), as their
     * rules' codes do, not only the case every reading shares. Read by a Chinese and an English reader of a tenant in
     * Asia/Shanghai and of one in UTC, both moments are the same on their tenant's clock in either language, and the
     * problem's {@code figures} hold the instants themselves.
     */
    @Test
    void givenAnOpeningAndAFinalReadingBeforeTheLatest_whenEachTenantsReadersAreTold_thenTheReadingIsNamedOnTheirClock()
            throws Exception {
        String utc = TestTokens.adminOf(IntegrationTest.TENANT_A, port);
        Map<String, ZoneId> tenants = new LinkedHashMap<>();
        tenants.put(chinese, ZoneId.of("Asia/Shanghai"));
        tenants.put(utc, ZoneOffset.UTC);
        Instant earlier = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant latest = earlier.plus(Duration.ofHours(1));
        for (Map.Entry<String, ZoneId> tenant : tenants.entrySet()) {
            String token = tenant.getKey();
            ZoneId zone = tenant.getValue();
            String zoneName = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
            String id = "ro-" + UUID.randomUUID().toString().substring(0, 8);
            Premises.unitWithMeter(new Api("http://localhost:" + port, token), id);
            assertThat(send("POST", "/api/meters/m-" + id + "/readings",
                    "{\"readAt\":\"%s\",\"registerValue\":1002}".formatted(latest), token, null, null).statusCode())
                    .isEqualTo(201);
            String moveIn = """
                    {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"10",
                     "openingReadAt":"%s","openingRegister":"1001"}""".formatted(id, id, id, earlier);

            JsonNode zh = problem("POST", "/api/accounts", moveIn, token, null, "meterledger_lang=zh-CN");
            JsonNode en = problem("POST", "/api/accounts", moveIn, token, null, "meterledger_lang=en");

            assertThat(zh.get("detail").asText()).as(zoneName).isEqualTo("开户读数被拒收：读数时间 "
                    + chinese(earlier, zone) + " " + zoneName + " 不晚于最近一次被接受的读数时间 " + chinese(latest, zone)
                    + " " + zoneName + "。");
            assertThat(en.get("detail").asText()).as(zoneName).isEqualTo("the opening reading of meter m-" + id
                    + " was rejected: read at " + english(earlier, zone) + " " + zoneName
                    + ", not after the latest accepted reading at " + english(latest, zone) + " " + zoneName);
            for (JsonNode problem : List.of(zh, en)) {
                assertThat(problem.get("rule").asText()).isEqualTo("opening-reading-out-of-order");
                assertThat(problem.get("reason").asText()).isEqualTo("reading-not-after-latest");
                assertThat(figures(problem)).containsExactly(earlier.toString(), latest.toString());
            }
        }

        String id = "rf-" + UUID.randomUUID().toString().substring(0, 8);
        Instant opened = earlier.minus(Duration.ofHours(1));
        Premises.moveIn(new Api("http://localhost:" + port, utc), id, "10", opened, "1000");
        assertThat(send("POST", "/api/meters/m-" + id + "/readings",
                "{\"readAt\":\"%s\",\"registerValue\":1002}".formatted(latest), utc, null, null).statusCode())
                .isEqualTo(201);
        String moveOut = """
                {"finalReadAt":"%s","finalRegister":"1001","settlement":"REFUND"}""".formatted(earlier);

        JsonNode zh = problem("POST", "/api/accounts/a-" + id + "/move-out", moveOut, utc, null,
                "meterledger_lang=zh-CN");
        JsonNode en = problem("POST", "/api/accounts/a-" + id + "/move-out", moveOut, utc, null, "meterledger_lang=en");

        assertThat(zh.get("detail").asText()).isEqualTo("结算读数被拒收：读数时间 " + chinese(earlier, ZoneOffset.UTC)
                + " UTC 不晚于最近一次被接受的读数时间 " + chinese(latest, ZoneOffset.UTC) + " UTC。");
        assertThat(en.get("detail").asText()).isEqualTo("the final reading of meter m-" + id + " was rejected: read at "
                + english(earlier, ZoneOffset.UTC) + " UTC, not after the latest accepted reading at "
                + english(latest, ZoneOffset.UTC) + " UTC");
        for (JsonNode problem : List.of(zh, en)) {
            assertThat(problem.get("rule").asText()).isEqualTo("final-reading-out-of-order");
            assertThat(problem.get("reason").asText()).isEqualTo("reading-not-after-latest");
            assertThat(figures(problem)).containsExactly(earlier.toString(), latest.toString());
        }
    }

    /**
     * A tariff version dated before now names its moment and our clock's on the tenant's clock (Asia/Shanghai) in
     * either language; {@code figures} keep both instants.
     */
    @Test
    void givenAShanghaiTenant_whenABackDatedTariffVersionIsRefused_thenBothMomentsAreOnShanghaisClock()
            throws Exception {
        String tariff = "back-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/tariffs", """
                {"tariffId":"%s","name":"Tariff %s","utility":"ELECTRICITY","currency":"CNY","zone":"Asia/Shanghai"}"""
                .formatted(tariff, tariff), chinese, null, null).statusCode()).isEqualTo(201);
        Instant past = Instant.parse("2026-01-01T00:00:00Z");
        String version = """
                {"effectiveFrom":"%s","standingChargePerDay":"0","schedule":{"kind":"FLAT","price":"60"}}"""
                .formatted(past);

        JsonNode zh = problem("POST", "/api/tariffs/" + tariff + "/versions", version, chinese, null, null);
        JsonNode en = problem("POST", "/api/tariffs/" + tariff + "/versions", version, chinese, null,
                "meterledger_lang=en");

        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        for (JsonNode problem : List.of(zh, en)) {
            assertThat(problem.get("rule").asText()).isEqualTo("tariff-version-back-dated");
            assertThat(figures(problem)).as("the version's instant, then our clock's").hasSize(2)
                    .startsWith(past.toString());
        }
        assertThat(zh.get("detail").asText()).isEqualTo("电价/水价版本的生效时间不能早于现在：2026年1月1日 08:00:00 "
                + "Asia/Shanghai 早于现在（" + chinese(Instant.parse(figures(zh).get(1)), shanghai) + " Asia/Shanghai）。");
        assertThat(en.get("detail").asText()).isEqualTo("a version of tariff " + tariff + " cannot take effect in the "
                + "past (2026-01-01 08:00:00 Asia/Shanghai is before now, "
                + english(Instant.parse(figures(en).get(1)), shanghai) + " Asia/Shanghai)");
    }

    /** A problem's {@code figures} member as the texts its items are (numbers as their digits). */
    private static List<String> figures(JsonNode problem) {
        assertThat(problem.has("figures")).as(problem.toString()).isTrue();
        List<String> figures = new ArrayList<>();
        problem.get("figures").forEach(figure -> figures.add(figure.asText()));
        return figures;
    }

    /** A moment as an English page writes it on the clock of {@code zone} (UiFormat's way), without the zone's name. */
    private static String english(Instant moment, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(moment);
    }

    /** A moment as a Chinese page writes it on the clock of {@code zone} (UiFormat's way), without the zone's name. */
    private static String chinese(Instant moment, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(zone).format(moment);
    }

    /** words: a refusal given before any controller (the security filters) speaks the same language. */
    @Test
    void givenARequestRefusedBeforeAController_whenTheReaderIsChinese_thenTheProblemSpeaksChinese_andTheRuleStays()
            throws Exception {
        JsonNode zh = problem("GET", "/api/accounts", null, "not-a-token", "zh-CN", null);
        assertThat(zh.get("title").asText()).isEqualTo("需要登录");
        assertThat(zh.get("detail").asText()).isEqualTo("需要有效的访问令牌（Bearer token）");
        JsonNode en = problem("GET", "/api/accounts", null, "not-a-token", "en-GB", null);
        assertThat(en.get("title").asText()).isEqualTo("Authentication required");
        assertThat(en.get("detail").asText()).isEqualTo("a valid bearer token is required");

        JsonNode rejected = problem("GET", "/api/accounts/%2e%2e/x", null, chinese, "zh-CN", null);
        assertThat(rejected.get("rule").asText()).isEqualTo("url-rejected");
        assertThat(rejected.get("title").asText()).isEqualTo("请求无效");
    }

    private JsonNode problem(String method, String path, String body, String token, String acceptLanguage,
                             String cookie) throws Exception {
        HttpResponse<String> answer = send(method, path, body, token, acceptLanguage, cookie);
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String token, String acceptLanguage,
                                      String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
