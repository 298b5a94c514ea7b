package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A move-out whose final reading is older than the meter's latest, refused in place on the account's manage page in
 * Debian's headless Chromium, for a group in Asia/Shanghai: a Chinese reader on a 390 px phone is told it is the final
 * reading (结算读数) that was refused, and an English reader on a desktop reads the same two moments, both on
 * Shanghai's clock with the zone named, as the page writes its other moments. Screenshots:
 * {@code target/screenshots/refused-final-reading-*}.
 */
class RefusedReadingBrowserTest extends IntegrationTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void givenAFinalReadingBeforeTheLatest_whenAMoveOutIsRefused_thenEachReaderReadsItsMomentsOnShanghaisClock() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        String base = "http://127.0.0.1:" + port;
        Api landlord = new Api(base, PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String id = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        Instant opened = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant latest = opened.plus(Duration.ofHours(2));
        Instant earlier = opened.plus(Duration.ofHours(1));
        Premises.moveIn(landlord, id, "10", opened, "1000");
        assertThat(landlord.post("/api/meters/m-" + id + "/readings", """
                {"readAt":"%s","registerValue":1002}""".formatted(latest)).status()).isEqualTo(201);
        String manage = base + "/ui/accounts/a-" + id + "/manage";

        Chromium phone = open(Chromium.phone("zh-CN"));
        phone.signIn(manage, tenant.email(), tenant.password());
        String chinese = moveOut(phone, manage, earlier);

        assertThat(chinese).isEqualTo("未保存：结算读数被拒收：读数时间 " + chinese(earlier) + " Asia/Shanghai 不晚于最近一次被接受的"
                + "读数时间 " + chinese(latest) + " Asia/Shanghai。（规则 final-reading-out-of-order）");
        assertThat(((Number) ((JavascriptExecutor) phone.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        assertThat(phone.seriousAccessibilityViolations()).isEmpty();
        phone.screenshot("refused-final-reading-phone-zh-CN");

        Chromium desktop = open(Chromium.desktop("en"));
        desktop.signIn(manage + "?lang=en", tenant.email(), tenant.password());
        String english = moveOut(desktop, manage + "?lang=en", earlier);

        assertThat(english).isEqualTo("Not saved: the final reading of meter m-" + id + " was rejected: read at "
                + english(earlier) + " Asia/Shanghai, not after the latest accepted reading at " + english(latest)
                + " Asia/Shanghai (rule final-reading-out-of-order)");
        assertThat(desktop.seriousAccessibilityViolations()).isEmpty();
        desktop.screenshot("refused-final-reading-desktop-en");
    }

    /**
     * Opens the manage page at {@code page}, fills the move-out form with a final reading taken at {@code readAt}
     * (Shanghai's wall clock, as the form reads it) and submits it; the refusal it shows in place.
     */
    private static String moveOut(Chromium chromium, String page, Instant readAt) {
        chromium.open(page);
        chromium.waitFor(By.id("finalReadAt"));
        ((JavascriptExecutor) chromium.driver()).executeScript("document.getElementById('finalReadAt').value = "
                + "arguments[0];", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(SHANGHAI).format(readAt));
        chromium.driver().findElement(By.id("finalRegister")).sendKeys("1001");
        chromium.click(By.cssSelector("form[action$='/move-out'] button[type=submit]"));
        chromium.waitFor(By.id("move-out-error"));
        ((JavascriptExecutor) chromium.driver()).executeScript(
                "document.getElementById('move-out-error').scrollIntoView({block: 'center'});");
        return chromium.text("move-out-error");
    }

    private static String chinese(Instant moment) {
        return DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(SHANGHAI).format(moment);
    }

    private static String english(Instant moment) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SHANGHAI).format(moment);
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }
}
