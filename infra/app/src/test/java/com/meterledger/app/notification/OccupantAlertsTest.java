package com.meterledger.app.notification;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.embedded.EmbeddedMailSink;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The occupant's own low-balance alerts, end to end on the real application: chosen on the portal behind the payment
 * link, kept in the deletable contact row only (never in an event), used by the notifications processor for a
 * low-balance warning (real SMTP client, the in-JVM mail server), stopped by the link in the alert, erased with the
 * contact. Bad input is refused by field and rule, with nothing kept.
 */
class OccupantAlertsTest extends IntegrationTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern STOP = Pattern.compile("http://occupants\\.test(/pay/alerts/stop/[^\\s]+)");

    @Autowired
    EmbeddedMailSink mailbox;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JdbcClient jdbc = OwnerJdbc.client();
    private String id;
    private String account;
    private String token;
    private Instant movedIn;
    private int hoursRead;
    private String address;
    private Api landlord;

    @BeforeEach
    void anAccountWithALink() {
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        address = "occupant-" + id + "@example.org";
        landlord = as(TENANT_A);
        movedIn = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(landlord, id, "100", movedIn, "0");
        creditedWithWarningsAtFiveAndTwo(id);
        token = linkOf(landlord, account);
    }

    @Test
    void givenTheOccupantChoseEmailAlerts_whenTheBalanceRunsLow_thenTheWarningReachesThem_andItsLinkStopsThem()
            throws Exception {
        HttpResponse<String> saved = choose(Map.of("byEmail", "on", "email", address), "en", BROWSER);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith("/pay/" + account + "?token=").endsWith("&alerts=saved#alerts"));
        assertThat(alertRow()).isEqualTo("EMAIL|" + address + "|null|en");
        HttpResponse<String> page = get("/pay/%s?token=%s&alerts=saved".formatted(account, token), "en");
        assertThat(page.body()).contains("id=\"alerts-saved\"", "Alerts are on.", "o•••@example.org",
                "checked=\"checked\"").doesNotContain(address);
        // the address is personal data: in the deletable row, in no event (payload or metadata)
        assertThat(eventsMentioning(address)).isZero();

        warnLow(480);
        MimeMessage warning = await().atMost(WAIT).until(() -> mailbox.messagesTo(address), m -> !m.isEmpty()).get(0);
        assertThat(warning.getSubject()).isEqualTo("Low balance: 4.80 EUR left");
        String body = body(warning);
        assertThat(body).contains("below warning level 1 of 5.00 EUR", "To stop these alerts: http://occupants.test/");
        Matcher stop = STOP.matcher(body);
        assertThat(stop.find()).as(body).isTrue();

        // opening the link (a mail scanner does) changes nothing; the page's button stops the alerts
        HttpResponse<String> asked = get(stop.group(1), "en");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Stop the low-balance alerts?", "id=\"stop-alerts\"");
        assertThat(alertRow()).isEqualTo("EMAIL|" + address + "|null|en");
        HttpResponse<String> stopped = post(stop.group(1), "", "en", BROWSER);
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).contains("you get no more low-balance alerts");
        assertThat(alertRow()).isEqualTo("|null|null|en");

        // no further warning goes out (the second level is crossed); a second use of the link finds nothing and says the same
        warnLow(150);
        String marker = markerAccountWarned();
        await().atMost(WAIT).until(() -> mailbox.messagesTo(marker).size() == 1);
        assertThat(mailbox.messagesTo(address)).hasSize(1);
        assertThat(post(stop.group(1), "", "en", BROWSER).body()).contains("you get no more low-balance alerts");
    }

    @Test
    void givenAChineseOccupant_whenTheyChooseAlertsAndTheBalanceRunsLow_thenTheyReadChinese() throws Exception {
        HttpResponse<String> refused = choose(Map.of("byEmail", "on", "email", "不是地址"), "zh-CN", BROWSER);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"alerts-error\"", "这不是有效的电子邮箱地址", "（email）");

        assertThat(choose(Map.of("byEmail", "on", "email", address), "zh-CN", BROWSER).statusCode()).isEqualTo(303);
        assertThat(get("/pay/%s?token=%s".formatted(account, token), "zh-CN").body()).contains("提醒已开启。",
                "余额不足提醒");
        assertThat(alertRow()).isEqualTo("EMAIL|" + address + "|null|zh-CN");

        warnLow(450);
        MimeMessage warning = await().atMost(WAIT).until(() -> mailbox.messagesTo(address), m -> !m.isEmpty()).get(0);
        assertThat(warning.getSubject()).isEqualTo("余额不足：剩余 4.50 EUR");
        assertThat(body(warning)).contains("低于第 1 级预警线 5.00 EUR", "退订此类提醒：http://occupants.test/pay/alerts/stop/");
    }

    @Test
    void givenBadInput_whenTheOccupantSavesAlerts_thenTheFieldAndRuleAreNamed_andNothingIsKept() throws Exception {
        HttpResponse<String> missing = choose(Map.of("bySms", "on", "phone", ""), "en", BROWSER);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("role=\"alert\"", "Enter the mobile number the alerts should go to (phone).",
                "aria-invalid=\"true\"");

        HttpResponse<String> script = choose(Map.of("bySms", "on", "phone", "0612"), "en", "application/json");
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(script.body()).contains("\"field\":\"phone\"", "\"rule\":\"alert-phone-malformed\"",
                "\"title\":\"Alert choices not saved\"");

        // another site's form, no token, and this link on another account: refused, nothing kept
        HttpResponse<String> crossSite = http.send(form("/pay/" + account + "/alerts",
                "byEmail=on&email=x%40example.org&token=" + token, "en", BROWSER)
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(http.send(form("/pay/" + account + "/alerts", "byEmail=on&email=x%40example.org", "en",
                "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String other = UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, other, "100", Instant.now().truncatedTo(ChronoUnit.SECONDS), "0");
        assertThat(http.send(form("/pay/a-" + other + "/alerts", "byEmail=on&email=x%40example.org&token=" + token,
                "en", "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("select count(*) from occupant_contact where account_id in (?, ?)")
                .params(account, "a-" + other).query(Long.class).single()).isZero();
    }

    @Test
    void givenAlertsChosen_whenTheLandlordErasesTheContact_thenTheAddressesAreGone() throws Exception {
        assertThat(choose(Map.of("byEmail", "on", "email", address, "bySms", "on", "phone", "+86 138 1234 5678"),
                "en", BROWSER).statusCode()).isEqualTo(303);
        assertThat(alertRow()).isEqualTo("EMAIL,SMS|" + address + "|+8613812345678|en");
        // saved again with the fields left empty: the addresses chosen before are kept
        assertThat(choose(Map.of("byEmail", "on", "bySms", "on"), "en", BROWSER).statusCode()).isEqualTo(303);
        assertThat(alertRow()).isEqualTo("EMAIL,SMS|" + address + "|+8613812345678|en");

        assertThat(landlord.delete("/api/accounts/%s/contact".formatted(account)).status()).isEqualTo(204);

        assertThat(jdbc.sql("select count(*) from occupant_contact where account_id = ?").param(account)
                .query(Long.class).single()).isZero();
        assertThat(get("/pay/%s?token=%s".formatted(account, token), "en").body()).contains("Alerts are off");
    }

    /** Warning levels 5.00 and 2.00 EUR and a 10.00 EUR top-up, set before the occupant chooses alerts. */
    private void creditedWithWarningsAtFiveAndTwo(String unit) {
        assertThat(landlord.put("/api/accounts/a-%s/thresholds".formatted(unit), """
                {"firstWarningMinor":500,"secondWarningMinor":200,"cutOffMinor":0,"reconnectMinor":100}""").status())
                .isEqualTo(204);
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(unit), """
                {"amountMinor":1000,"currency":"EUR","reference":"alerts-%s"}""".formatted(unit)).status())
                .isEqualTo(201);
    }

    /**
     * A reading that charges the account down to {@code balanceMinor} (1.00 EUR per kWh from the 10.00 EUR credit):
     * the account itself reaches the warning, as in production, so every projection sees what a replay sees.
     */
    private void warnLow(long balanceMinor) {
        read(id, movedIn.plus(Duration.ofHours(++hoursRead)), balanceMinor);
    }

    private void read(String unit, Instant at, long balanceMinor) {
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(unit), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at,
                java.math.BigDecimal.valueOf(1000 - balanceMinor, 2).toPlainString())).status()).isEqualTo(201);
    }

    /** A second account whose occupant chose alerts, warned after this one: once its mail is here, ours was handled. */
    private String markerAccountWarned() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Instant markerMovedIn = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(landlord, marker, "100", markerMovedIn, "0");
        creditedWithWarningsAtFiveAndTwo(marker);
        String markerToken = linkOf(landlord, "a-" + marker);
        String markerAddress = "marker-" + marker + "@example.org";
        assertThat(http.send(form("/pay/a-" + marker + "/alerts", "byEmail=on&email="
                + URLEncoder.encode(markerAddress, StandardCharsets.UTF_8) + "&token=" + markerToken, "en", BROWSER)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(303);
        read(marker, markerMovedIn.plus(Duration.ofMinutes(30)), 100);
        return markerAddress;
    }

    private String alertRow() {
        return jdbc.sql("""
                        select alert_channels || '|' || coalesce(alert_email, 'null') || '|'
                            || coalesce(alert_phone, 'null') || '|' || alert_language
                        from occupant_contact where account_id = ?""").param(account).query(String.class).single();
    }

    private long eventsMentioning(String text) {
        return jdbc.sql("""
                        select count(*) from domain_event_entry
                        where position(convert_to(?, 'UTF8') in payload) > 0
                           or position(convert_to(?, 'UTF8') in coalesce(meta_data, ''::bytea)) > 0""")
                .params(text, text).query(Long.class).single();
    }

    private HttpResponse<String> choose(Map<String, String> fields, String language, String accept) throws Exception {
        StringBuilder body = new StringBuilder("token=" + token);
        fields.forEach((name, value) -> body.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return post("/pay/" + account + "/alerts", body.toString(), language, accept);
    }

    private HttpResponse<String> post(String path, String body, String language, String accept) throws Exception {
        return http.send(form(path, body, language, accept).header("Sec-Fetch-Site", "same-origin").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder form(String path, String body, String language, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", BROWSER)
                .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(MimeMessage mail) throws Exception {
        return mail.getContent().toString().replace("\r\n", "\n").strip();
    }

    /** A link for the account, once the account's projection knows it (a link for an unknown account is refused). */
    private static String linkOf(Api landlord, String accountId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> landlord.post("/api/accounts/%s/payment-links".formatted(accountId), null),
                link -> link.status() == 201).text("token");
    }
}
