package com.meterledger.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestPeople;
import com.meterledger.query.alert.AlertEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A landlord acknowledges a "meter not read" alert in the inbox with a note, in English at desktop size and in
 * Chinese on a 390 px phone (screenshots {@code alerts-inbox-{desktop,phone}*.png}), without touching the API.
 */
class AlertsBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(AlertsBrowserTest.class);

    @Autowired
    AlertEvaluator evaluator;

    private Chromium chromium;
    private WebDriver browser;
    private String base;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Given a meter of its own property last read 30 hours ago and an evaluator pass: its alert's id. */
    private String meterNotReadAlert(String id) {
        Api landlord = as(TENANT_A);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(landlord, id, "10", now.minus(Duration.ofHours(30)), "1000");
        await().atMost(PATIENCE).until(() -> OwnerJdbc.client().sql("""
                        select count(*) from meter_view m join alert_reading r
                            on r.tenant_id = m.tenant_id and r.meter_id = m.meter_id
                        where m.tenant_id = ? and m.meter_id = ? and m.account_id is not null""")
                .params(TENANT_A, "m-" + id).query(Long.class).single() > 0);
        long started = System.nanoTime();
        evaluator.evaluate(new TenantId(TENANT_A), now);
        log.info("alert pass of tenant {} took {} ms", TENANT_A, (System.nanoTime() - started) / 1_000_000);
        return alerts(landlord, id).getFirst().get("alertId").asText();
    }

    private static List<JsonNode> alerts(Api landlord, String id) {
        return StreamSupport.stream(landlord.get("/api/alerts?kind=METER_NOT_READ&property=p-" + id).body()
                .get("alerts").spliterator(), false).toList();
    }

    @Test
    void aLandlordAcknowledgesAMeterNotReadAlertWithANoteOnADesktopAndOnAPhoneInChinese() {
        base = "http://127.0.0.1:" + port;
        String desk = "ab-" + UUID.randomUUID().toString().substring(0, 8);
        String deskAlert = meterNotReadAlert(desk);

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn(TestPeople.ADMIN_A);
        chromium.click(By.id("nav-alerts"));
        chromium.waitFor(By.id("alert-filters"));
        browser.get(base + "/ui/alerts?state=OPEN&property=p-" + desk);
        chromium.waitFor(By.id("alert-" + deskAlert));
        String card = chromium.text("alert-" + deskAlert);
        assertThat(card).contains("Meter not read", "m-" + desk, "Hours without a reading", "30", "Open");
        chromium.screenshot("alerts-inbox-desktop");
        browser.findElement(By.id("note-" + deskAlert)).sendKeys("Caretaker checks the meter box at 9");
        chromium.click(By.cssSelector("#alert-" + cssId(deskAlert) + " form.acknowledge button"));
        chromium.waitFor(By.id("alert-acknowledged"));
        browser.get(base + "/ui/alerts?property=p-" + desk);
        chromium.waitFor(By.id("alert-" + deskAlert));
        assertThat(chromium.text("alert-" + deskAlert)).contains("Acknowledged", "Caretaker checks the meter box at 9");
        chromium.screenshot("alerts-inbox-acknowledged-desktop");
        JsonNode stored = alerts(as(TENANT_A), desk).getFirst();
        assertThat(stored.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(stored.get("note").asText()).isEqualTo("Caretaker checks the meter box at 9");
        assertThat(stored.get("acknowledgedBy").asText()).isNotBlank();

        // the same on a phone, in Chinese: nothing spills sideways, a blank note is refused in place
        chromium.close();
        String phone = "ab-" + UUID.randomUUID().toString().substring(0, 8);
        String phoneAlert = meterNotReadAlert(phone);
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn(TestPeople.ADMIN_A);
        browser.get(base + "/ui/alerts?state=OPEN&property=p-" + phone);
        chromium.waitFor(By.id("alert-" + phoneAlert));
        assertThat(chromium.text("alert-" + phoneAlert)).contains("表计未抄读", "未抄读小时数");
        assertNothingSpillsSideways();
        chromium.screenshot("alerts-inbox-phone-zh-CN");
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).removeAttribute('required')", "note-" + phoneAlert);
        browser.findElement(By.id("note-" + phoneAlert)).sendKeys("   ");
        chromium.click(By.cssSelector("#alert-" + cssId(phoneAlert) + " form.acknowledge button"));
        new WebDriverWait(browser, PATIENCE).until(page -> !page.findElements(By.cssSelector(".error")).isEmpty());
        assertThat(alerts(as(TENANT_A), phone).getFirst().get("state").asText()).isEqualTo("OPEN");
        browser.findElement(By.id("note-" + phoneAlert)).sendKeys("明早物业上门检查");
        chromium.click(By.cssSelector("#alert-" + cssId(phoneAlert) + " form.acknowledge button"));
        chromium.waitFor(By.id("alert-acknowledged"));
        browser.get(base + "/ui/alerts?property=p-" + phone);
        chromium.waitFor(By.id("alert-" + phoneAlert));
        assertThat(chromium.text("alert-" + phoneAlert)).contains("已确认", "明早物业上门检查");
        assertNothingSpillsSideways();
        chromium.screenshot("alerts-inbox-acknowledged-phone-zh-CN");
        assertThat(alerts(as(TENANT_A), phone).getFirst().get("note").asText()).isEqualTo("明早物业上门检查");
    }

    /** Alert ids hold dots, which a CSS id selector must escape. */
    private static String cssId(String id) {
        return id.replace(".", "\\.");
    }

    private void assertNothingSpillsSideways() {
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript("""
                const top = document.querySelector('header.top');
                return [document.documentElement.scrollWidth, window.innerWidth,
                        top.scrollWidth, top.clientWidth];""");
        assertThat(((Number) measured.get(0)).longValue()).as("page width at most the screen's " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
        assertThat(((Number) measured.get(2)).longValue()).as("top bar's content within the bar " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(3)).longValue());
    }

    private void signIn(String username) {
        chromium.signIn(base + "/ui", username, TestPeople.PASSWORD);
    }
}
