package com.meterledger.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Remember this phone" (issue 17 item 2): a phone remembered through a live payment link reopens its one account's
 * portal after the link expires, until staff revoke it, the occupant forgets it, the link is revoked or the account
 * closes. A tampered, unknown, ended or expired cookie gets the "link invalid" page in the reader's language and
 * creates nothing; another tenant's staff neither list nor revoke. The JSON doors ({@code /balance},
 * {@code /checkout-sessions}) take the phone exactly as the pages do: its own account only, nothing once it ended or
 * expired, never another account of either tenant, and no other site's post; its receipts and alert choice work too.
 */
class RememberedDeviceTest extends IntegrationTest {
    private static final Pattern COOKIE = Pattern.compile("ml_device=([^;]*)");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Api landlord;
    private String account;
    private String linkId;
    private String token;

    @BeforeEach
    void anAccountWithALiveLink() {
        String id = "rd-" + UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        // the account is known to the link's check once its projection has it
        Api.Response link = await().atMost(PATIENCE).until(() -> landlord.post(
                "/api/accounts/%s/payment-links".formatted(account), null), issued -> issued.status() == 201);
        linkId = link.text("linkId");
        token = link.text("token");
    }

    @Test
    void givenALiveLink_whenThePhoneIsRemembered_thenItsCookieIsHttpOnlyLaxAndScoped_andOnlyItsHashIsStored() {
        Http.Answer remembered = remember();

        assertThat(remembered.status()).isEqualTo(303);
        assertThat(remembered.header("Location")).contains("device=remembered");
        String setCookie = remembered.header("Set-Cookie");
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/pay/" + account, "Max-Age=")
                .doesNotContain("Secure");
        String cookie = cookieOf(remembered);
        String secret = cookie.substring(cookie.indexOf('.') + 1);
        assertThat(cookie).startsWith(TENANT_A + ".");
        JsonNode devices = landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body();
        assertThat(devices).hasSize(1);
        String deviceId = devices.get(0).get("deviceId").asText();
        assertThat(devices.get(0).get("live").asBoolean()).isTrue();
        assertThat(devices.toString()).doesNotContain(secret);
        assertThat(OwnerJdbc.client().sql("select count(*) from remembered_device where device_id = ? and "
                        + "token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')").params(deviceId, secret)
                .query(Long.class).single()).isEqualTo(1);
        // the event names the link as the actor and carries no secret
        var events = new EventStore(OwnerJdbc.client()).of(deviceId);
        assertThat(events).extracting(EventStore.StoredEvent::type).containsExactly("DeviceRemembered");
        assertThat(events.get(0).metadata().get("actor").asText()).isEqualTo("payment-link:" + linkId);
        assertThat(events.get(0).payload().toString() + events.get(0).metadata()).doesNotContain(secret)
                .doesNotContain(cookie);
    }

    @Test
    void givenARememberedPhone_whenTheLinkExpires_thenThePhoneStillOpensThePortal_andNoOtherAccount() {
        String cookie = cookieOf(remember());
        expireLink();
        assertThat(page(account, null, cookie, "en").status()).isEqualTo(200);
        assertThat(page(account, token, cookie, "en").body()).contains("id=\"balance\"", "forget-device");
        assertThat(page(account, null, null, "en").status()).isEqualTo(401);

        // another account of the same tenant: its portal does not open with this phone's cookie
        Fixture other = Fixture.of("a", port);
        try (SecurityLog log = new SecurityLog()) {
            Http.Answer foreign = page(other.accountId(), null, cookie, "en");
            assertThat(foreign.status()).isEqualTo(401);
            assertThat(foreign.body()).doesNotContain(Long.toString(other.credit())).doesNotContain(other.marker());
            assertThat(log.has("remembered_device_misused")).isTrue();
        }
    }

    @Test
    void givenATamperedUnknownOrExpiredCookie_thenTheLinkInvalidPageInTheReadersLanguage_andNothingIsCreated() {
        String cookie = cookieOf(remember());
        expireLink();
        long rows = rows();
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
        for (String bad : new String[]{tampered, TENANT_A + ".not-a-secret", TENANT_B + cookie.substring(
                cookie.indexOf('.')), "no dots at all", cookie + ".x"}) {
            Http.Answer english = page(account, null, bad, "en");
            assertThat(english.status()).as(bad).isEqualTo(401);
            assertThat(english.body()).contains("this payment link is invalid, has expired or was revoked");
            Http.Answer chinese = page(account, null, bad, "zh-CN");
            assertThat(chinese.status()).isEqualTo(401);
            assertThat(chinese.body()).contains("此缴费链接无效、已过期或已作废");
        }
        OwnerJdbc.client().sql("update remembered_device set expires_at = now() - interval '1 second' "
                + "where account_id = ?").param(account).update();
        Http.Answer expired = page(account, null, cookie, "en");
        assertThat(expired.status()).isEqualTo(401);
        // the dead cookie is dropped by the answer
        assertThat(expired.header("Set-Cookie")).contains("ml_device=", "Max-Age=0");
        assertThat(rows()).isEqualTo(rows);
        assertThat(landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0)
                .get("ended").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void givenTheBoxNotTicked_thenAProblemNamesTheField_andNothingIsRemembered() {
        Http.Answer refused = Http.send(port, "POST", "/pay/%s/device?token=%s".formatted(account, token), null,
                null, Map.of("Accept", "application/json"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("field").asText()).isEqualTo("remember");
        assertThat(refused.json().get("rule").asText()).isEqualTo("device-remember-not-ticked");
        assertThat(refused.header("Set-Cookie")).isNull();
        assertThat(landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body()).isEmpty();
        // a phone cannot remember itself again without the link
        String cookie = cookieOf(remember());
        expireLink();
        assertThat(Http.send(port, "POST", "/pay/%s/device?remember=on".formatted(account), null, null,
                Map.of("Cookie", "ml_device=" + cookie)).status()).isEqualTo(401);
        assertThat(landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body()).hasSize(1);
    }

    @Test
    void givenARememberedPhone_whenStaffRevokeIt_thenItOpensNothing_andAnotherTenantCanNeitherListNorRevoke() {
        String cookie = cookieOf(remember());
        expireLink();
        String deviceId = landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0)
                .get("deviceId").asText();
        String foreignAdmin = RoleTokens.of("tenant-b-admin", port);
        assertThat(Http.send(port, "GET", "/api/accounts/%s/remembered-devices".formatted(account), foreignAdmin,
                null).status()).isEqualTo(404);
        assertThat(Http.send(port, "DELETE", "/api/accounts/%s/remembered-devices/%s".formatted(account, deviceId),
                foreignAdmin, null).status()).isEqualTo(404);
        assertThat(Http.send(port, "DELETE", "/api/accounts/%s/remembered-devices".formatted(account), foreignAdmin,
                null).status()).isEqualTo(404);
        assertThat(page(account, null, cookie, "en").status()).isEqualTo(200);

        assertThat(landlord.delete("/api/accounts/%s/remembered-devices/%s".formatted(account, deviceId)).status())
                .isEqualTo(204);

        assertThat(page(account, null, cookie, "en").status()).isEqualTo(401);
        JsonNode device = landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0);
        assertThat(device.get("ended").asText()).isEqualTo("REVOKED_BY_STAFF");
        var ended = new EventStore(OwnerJdbc.client()).ofType(deviceId, "RememberedDeviceEnded");
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).metadata().get("actor").asText()).isEqualTo("tenant-a-admin");
        // revoking again records nothing more; an unknown phone is not found
        assertThat(landlord.delete("/api/accounts/%s/remembered-devices/%s".formatted(account, deviceId)).status())
                .isEqualTo(204);
        assertThat(new EventStore(OwnerJdbc.client()).ofType(deviceId, "RememberedDeviceEnded")).hasSize(1);
        assertThat(landlord.delete("/api/accounts/%s/remembered-devices/rd-no-such".formatted(account)).status())
                .isEqualTo(404);
    }

    @Test
    void givenTwoRememberedPhones_whenStaffRevokeAll_thenNeitherOpensThePortal() {
        String first = cookieOf(remember());
        String second = cookieOf(remember());
        assertThat(landlord.delete("/api/accounts/%s/remembered-devices".formatted(account)).body().get("revoked")
                .asInt()).isEqualTo(2);
        assertThat(page(account, null, first, "en").status()).isEqualTo(401);
        assertThat(page(account, null, second, "en").status()).isEqualTo(401);
    }

    @Test
    void givenARememberedPhone_whenThePaymentLinkIsRevoked_thenThePhoneEndsWithIt() {
        String cookie = cookieOf(remember());
        assertThat(landlord.delete("/api/payment-links/" + linkId).status()).isEqualTo(204);
        assertThat(page(account, null, cookie, "en").status()).isEqualTo(401);
        assertThat(landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0)
                .get("ended").asText()).isEqualTo("LINK_REVOKED");
    }

    @Test
    void givenARememberedPhone_whenTheOccupantForgetsIt_thenItsCookieGoesAndItOpensNothing() {
        String cookie = cookieOf(remember());
        expireLink();
        Http.Answer forgotten = Http.send(port, "POST", "/pay/%s/device/forget".formatted(account), null, null,
                Map.of("Cookie", "ml_device=" + cookie, "Accept", "text/html", "Accept-Language", "zh-CN"));
        assertThat(forgotten.status()).isEqualTo(200);
        assertThat(forgotten.body()).contains("已忘记此手机");
        assertThat(forgotten.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(page(account, null, cookie, "en").status()).isEqualTo(401);
        String deviceId = landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0)
                .get("deviceId").asText();
        var ended = new EventStore(OwnerJdbc.client()).ofType(deviceId, "RememberedDeviceEnded");
        assertThat(ended.get(0).payload().get("reason").asText()).isEqualTo("FORGOTTEN_BY_OCCUPANT");
        assertThat(ended.get(0).metadata().get("actor").asText()).isEqualTo("remembered-device:" + deviceId);
    }

    @Test
    void givenARememberedPhone_whenTheOccupantMovesOut_thenThePhoneEnds() {
        String cookie = cookieOf(remember());
        assertThat(landlord.post("/api/accounts/%s/move-out".formatted(account), """
                {"finalReadAt":"%s","finalRegister":"0","settlement":"REFUND"}"""
                .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(204);
        await().atMost(PATIENCE).until(() -> "ACCOUNT_CLOSED".equals(landlord.get(
                "/api/accounts/%s/remembered-devices".formatted(account)).body().get(0).path("ended").asText()));
        assertThat(page(account, null, cookie, "en").status()).isEqualTo(401);
    }

    @Test
    void givenARememberedPhone_whenTheLinkExpires_thenTheJsonDoorsOpenItsOwnAccount_andThePaymentNamesThePhone() {
        String cookie = cookieOf(remember());
        expireLink();
        String deviceId = landlord.get("/api/accounts/%s/remembered-devices".formatted(account)).body().get(0)
                .get("deviceId").asText();

        Http.Answer balance = balance(account, cookie, "en");
        assertThat(balance.status()).isEqualTo(200);
        assertThat(balance.json().get("accountId").asText()).isEqualTo(account);
        assertThat(balance.json().get("currency").asText()).isEqualTo("EUR");
        assertThat(balance.json().get("balanceMinor").asLong())
                .isEqualTo(landlord.get("/api/accounts/" + account).number("balanceMinor"));
        // neither the link nor the phone: nothing
        assertThat(balance(account, null, "en").status()).isEqualTo(401);

        StripeFake.onboard(landlord, TENANT_A);
        String session = "cs_test_rd_" + account;
        StripeFake.nextCheckoutSession(session, 2500, "eur");
        Http.Answer started = checkout(account, cookie, Map.of("Sec-Fetch-Site", "same-origin"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("url").asText()).contains(session);
        // the payment's actor is the phone, never the expired link; the cookie is in no event
        var requested = new EventStore(OwnerJdbc.client()).of(started.json().get("paymentId").asText());
        assertThat(requested).isNotEmpty().allSatisfy(event -> {
            assertThat(event.metadata().get("actor").asText()).isEqualTo("remembered-device:" + deviceId);
            assertThat(event.metadata().get("origin").asText()).isEqualTo("remembered-device");
            assertThat(event.payload().toString() + event.metadata()).doesNotContain(cookie);
        });
    }

    @Test
    void givenARememberedPhone_thenTheJsonDoorsRefuseAnotherAccount_AnotherTenantsAccount_andACrossSitePost() {
        String cookie = cookieOf(remember());
        expireLink();
        Fixture own = Fixture.of("a", port);
        Fixture foreign = Fixture.of("b", port);
        EventStore events = new EventStore(OwnerJdbc.client());
        List<String> ownBefore = events.typesOf(own.accountId());
        List<String> foreignBefore = events.typesOf(foreign.accountId());
        try (SecurityLog log = new SecurityLog()) {
            for (Fixture other : List.of(own, foreign)) {
                Http.Answer read = balance(other.accountId(), cookie, "en");
                assertThat(read.status()).as(other.tenant()).isEqualTo(401);
                assertThat(read.isProblem()).isTrue();
                assertThat(read.json().get("rule").asText()).isEqualTo("payment-link-invalid");
                assertThat(read.body()).doesNotContain(Long.toString(other.credit())).doesNotContain(other.marker());
                // the cookie opens nothing there: the answer drops it
                assertThat(read.header("Set-Cookie")).contains("ml_device=", "Max-Age=0",
                        "Path=/pay/" + other.accountId());
                Http.Answer pay = checkout(other.accountId(), cookie, Map.of("Sec-Fetch-Site", "same-origin"));
                assertThat(pay.status()).as(other.tenant()).isEqualTo(401);
                assertThat(pay.json().get("rule").asText()).isEqualTo("payment-link-invalid");
            }
            assertThat(log.has("remembered_device_misused")).isTrue();
        }
        // the cookie's tenant changed to the other tenant's finds nothing there either
        String otherTenants = TENANT_B + cookie.substring(cookie.indexOf('.'));
        assertThat(balance(foreign.accountId(), otherTenants, "en").status()).isEqualTo(401);
        assertThat(events.typesOf(own.accountId())).isEqualTo(ownBefore);
        assertThat(events.typesOf(foreign.accountId())).isEqualTo(foreignBefore);

        // another site's post, or a sibling subdomain's, is refused before the cookie is read, in the reader's words
        List<String> before = events.typesOf(account);
        for (String site : List.of("cross-site", "same-site")) {
            Http.Answer refused = checkout(account, cookie, Map.of("Sec-Fetch-Site", site));
            assertThat(refused.status()).as(site).isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.json().get("rule").asText()).isEqualTo("cross-site-form");
        }
        // a browser without fetch metadata names a foreign or opaque origin: the CORS filter refuses it first
        for (String origin : List.of("https://evil.example", "null")) {
            Http.Answer refused = checkout(account, cookie, Map.of("Origin", origin));
            assertThat(refused.status()).as(origin).isEqualTo(403);
            assertThat(refused.isProblem()).as(origin).isTrue();
            assertThat(refused.json().get("rule").asText()).isEqualTo("cross-origin-refused");
        }
        Http.Answer chinese = checkout(account, cookie, Map.of("Sec-Fetch-Site", "cross-site",
                "Accept-Language", "zh-CN"));
        assertThat(chinese.json().get("detail").asText()).isEqualTo("只能从本站自己的页面发起付款。");
        assertThat(events.typesOf(account)).isEqualTo(before);
    }

    @Test
    void givenARememberedPhone_whenRevokedOrExpired_thenTheJsonDoorsOpenNothing_inTheReadersLanguage() {
        // without a token in the address the phone alone decides, whether or not its link is still live
        String cookie = cookieOf(remember());
        assertThat(balance(account, cookie, "en").status()).isEqualTo(200);
        assertThat(landlord.delete("/api/accounts/%s/remembered-devices".formatted(account)).status()).isEqualTo(200);
        List<String> before = new EventStore(OwnerJdbc.client()).typesOf(account);

        Http.Answer english = balance(account, cookie, "en");
        assertThat(english.status()).isEqualTo(401);
        assertThat(english.json().get("title").asText()).isEqualTo("Payment link invalid");
        Http.Answer chinese = balance(account, cookie, "zh-CN");
        assertThat(chinese.status()).isEqualTo(401);
        assertThat(chinese.json().get("title").asText()).isEqualTo("缴费链接无效");
        assertThat(chinese.json().get("rule").asText()).isEqualTo("payment-link-invalid");
        assertThat(checkout(account, cookie, Map.of("Sec-Fetch-Site", "same-origin")).status()).isEqualTo(401);

        // a second phone, live until its expiry passes
        String second = cookieOf(remember());
        assertThat(balance(account, second, "en").status()).isEqualTo(200);
        OwnerJdbc.client().sql("update remembered_device set expires_at = now() - interval '1 second' "
                + "where account_id = ? and ended_at is null").param(account).update();
        assertThat(balance(account, second, "en").status()).isEqualTo(401);
        assertThat(checkout(account, second, Map.of("Sec-Fetch-Site", "same-origin")).status()).isEqualTo(401);
        assertThat(new EventStore(OwnerJdbc.client()).typesOf(account)).isEqualTo(before);
    }

    @Test
    void givenARememberedPhoneWithoutItsLink_thenItsReceiptsAndItsAlertChoiceWork_andNameNoToken() {
        String cookie = cookieOf(remember());
        expireLink();
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":1500,"currency":"EUR","reference":"desk-%s"}""".formatted(account)).status())
                .isEqualTo(201);
        // the page's own link, as the phone follows it (its token parameter is empty: the page had no live one)
        Pattern receiptLink = Pattern.compile("href=\"(/pay/[^\"]+/receipts/\\d+[^\"]*)\"");
        String portal = await().atMost(PATIENCE).until(() -> page(account, null, cookie, "en").body(),
                body -> receiptLink.matcher(body).find());
        Matcher receipt = receiptLink.matcher(portal);
        assertThat(receipt.find()).isTrue();
        Http.Answer printed = Http.send(port, "GET", receipt.group(1).replace("&amp;", "&"), null, null,
                Map.of("Cookie", "ml_device=" + cookie, "Accept", "text/html", "Accept-Language", "en"));
        assertThat(printed.status()).isEqualTo(200);
        assertThat(printed.body()).contains("15.00").doesNotContain("token=" + token);
        // another account's receipt number does not open with this phone
        Fixture other = Fixture.of("a", port);
        assertThat(Http.send(port, "GET", "/pay/%s/receipts/1".formatted(other.accountId()), null, null,
                Map.of("Cookie", "ml_device=" + cookie, "Accept", "text/html")).status()).isEqualTo(401);

        Http.Answer chosen = Http.send(port, "POST", "/pay/%s/alerts?byEmail=on&email=rd%%40example.org"
                .formatted(account), null, null, Map.of("Cookie", "ml_device=" + cookie, "Accept", "text/html",
                "Sec-Fetch-Site", "same-origin"));
        assertThat(chosen.status()).isEqualTo(303);
        assertThat(chosen.header("Location")).contains("alerts=saved").doesNotContain(token);
        assertThat(OwnerJdbc.client().sql("select alert_channels || '|' || alert_email from occupant_contact "
                + "where account_id = ?").param(account).query(String.class).single()).isEqualTo("EMAIL|rd@example.org");
        // the portal shows the address in part only: a remembered phone may be a shared one
        Http.Answer shown = page(account, null, cookie, "en");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("rd@example.org");
        // another site's post does not change the choice, even with the phone's cookie
        assertThat(Http.send(port, "POST", "/pay/%s/alerts?bySms=on&phone=%%2B8613812345678".formatted(account),
                null, null, Map.of("Cookie", "ml_device=" + cookie, "Sec-Fetch-Site", "cross-site")).status())
                .isEqualTo(403);
        assertThat(OwnerJdbc.client().sql("select alert_channels from occupant_contact where account_id = ?")
                .param(account).query(String.class).single()).isEqualTo("EMAIL");
    }

    private Http.Answer balance(String accountId, String cookie, String language) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept-Language", language));
        if (cookie != null) {
            headers.put("Cookie", "ml_device=" + cookie);
        }
        return Http.send(port, "GET", "/pay/%s/balance".formatted(accountId), null, null, headers);
    }

    private Http.Answer checkout(String accountId, String cookie, Map<String, String> from) {
        Map<String, String> headers = new java.util.HashMap<>(from);
        headers.put("Cookie", "ml_device=" + cookie);
        return Http.send(port, "POST", "/pay/%s/checkout-sessions".formatted(accountId), null, """
                {"amountMinor":2500}""", headers);
    }

    private Http.Answer remember() {
        return Http.send(port, "POST", "/pay/%s/device?token=%s&remember=on".formatted(account, token), null, null,
                Map.of("Accept", "text/html", "User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47"));
    }

    private Http.Answer page(String accountId, String linkToken, String cookie, String language) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept", "text/html",
                "Accept-Language", language));
        if (cookie != null) {
            headers.put("Cookie", "ml_device=" + cookie);
        }
        return Http.send(port, "GET", "/pay/" + accountId + (linkToken == null ? "" : "?token=" + linkToken), null,
                null, headers);
    }

    private void expireLink() {
        OwnerJdbc.client().sql("update payment_link set expires_at = now() - interval '1 second' where link_id = ?")
                .param(linkId).update();
    }

    private long rows() {
        return OwnerJdbc.client().sql("select count(*) from remembered_device").query(Long.class).single();
    }

    private static String cookieOf(Http.Answer answer) {
        Matcher matcher = COOKIE.matcher(String.valueOf(answer.header("Set-Cookie")));
        assertThat(matcher.find()).as("a device cookie in " + answer.header("Set-Cookie")).isTrue();
        return matcher.group(1);
    }
}
