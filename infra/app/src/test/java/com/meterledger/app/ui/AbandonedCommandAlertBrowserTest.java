package com.meterledger.app.ui;

import com.meterledger.app.support.TestPeople;
import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cut no gateway answers is abandoned, and its alert tells the landlord when the reconciler may try again, in the
 * tenant's zone, in English on a desktop and in Chinese on a 390 px phone (screenshots
 * {@code alerts-abandoned-command-{desktop,phone-zh-CN}.png}).
 */
class AbandonedCommandAlertBrowserTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
    private static final Pattern ENGLISH_MOMENT = Pattern.compile(
            "Next attempt, if still needed, not before\\s+(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (\\S+)");
    private static final Pattern CHINESE_MOMENT = Pattern.compile(
            "如仍需要，下次尝试不早于\\s+(\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}:\\d{2}) (\\S+)");

    private Chromium chromium;
    private WebDriver browser;
    private String base;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theAlertOfAnAbandonedCutSaysWhenTheNextAttemptMayBeOnADesktopAndOnAPhoneInChinese() {
        base = "http://127.0.0.1:" + port;
        String id = "ac-" + UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""").status())
                .isEqualTo(201);
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"2"}""".formatted(MOVE_IN.plus(Duration.ofHours(1)))).status())
                .isEqualTo(201);                                    // 100 - 200: depleted, a CUT no gateway relays
        JsonNode alert = await().atMost(Duration.ofSeconds(60)).until(() -> abandoned(landlord, id),
                Optional::isPresent).orElseThrow();
        String alertId = alert.get("alertId").asText();

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        // the figures are the latest deferral's: read the alert as the page shows it, then the API's moment
        browser.get(base + "/ui/alerts?state=OPEN&property=p-" + id);
        chromium.waitFor(By.id("alert-" + alertId));
        String card = chromium.text("alert-" + alertId);
        assertThat(card).contains("Control command failed", "m-" + id, "Commands abandoned in a row");
        Instant nextAttempt = Instant.parse(abandoned(landlord, id).orElseThrow().get("figures").get("nextAttemptAt")
                .asText());
        assertThat(shownMoment(card, ENGLISH_MOMENT, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                .isBetween(nextAttempt.minus(Duration.ofMinutes(1)), nextAttempt.plus(Duration.ofMinutes(1)));
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("alerts-abandoned-command-desktop");

        chromium.close();
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/alerts?state=OPEN&property=p-" + id);
        chromium.waitFor(By.id("alert-" + alertId));
        String chinese = chromium.text("alert-" + alertId);
        assertThat(chinese).contains("控制命令失败", "连续放弃的命令数");
        assertThat(shownMoment(chinese, CHINESE_MOMENT, DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss")))
                .isBetween(nextAttempt.minus(Duration.ofMinutes(1)), nextAttempt.plus(Duration.ofMinutes(1)));
        assertNothingSpillsSideways();
        chromium.screenshot("alerts-abandoned-command-phone-zh-CN");
    }

    /**
     * The moment the card shows after the label, read back in the zone the page names beside it: a later deferral
     * may have moved it on since the API was read, so the tests compare within a minute.
     */
    private static Instant shownMoment(String card, Pattern pattern, DateTimeFormatter format) {
        Matcher shown = pattern.matcher(card);
        assertThat(shown.find()).as(card).isTrue();
        return LocalDateTime.parse(shown.group(1), format).atZone(ZoneId.of(shown.group(2))).toInstant();
    }

    private static Optional<JsonNode> abandoned(Api landlord, String id) {
        return StreamSupport.stream(landlord.get("/api/alerts?kind=COMMAND_FAILED&property=p-" + id).body()
                        .get("alerts").spliterator(), false)
                .filter(alert -> alert.get("figures").has("nextAttemptAt")).findFirst();
    }

    private void assertNothingSpillsSideways() {
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript("""
                return [document.documentElement.scrollWidth, window.innerWidth];""");
        assertThat(((Number) measured.get(0)).longValue()).as("page width at most the screen's " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
    }

    private void signIn() {
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }
}
