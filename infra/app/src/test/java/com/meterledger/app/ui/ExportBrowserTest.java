package com.meterledger.app.ui;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.FailingExportPart;
import com.meterledger.app.support.TestPeople;
import com.meterledger.api.tenant.FindTenantExportParts;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant administrator exports everything from the billing page, in English at desktop size and in Chinese on a
 * 390 px phone: the progress shows, reaches 100 % and offers the zip (screenshots {@code export-*.png}). The test
 * reloads the page itself rather than rely on the page's {@code Refresh} header.
 */
class ExportBrowserTest extends IntegrationTest {
    private Chromium chromium;
    private WebDriver browser;
    private String base;
    @Autowired
    QueryBus queryBus;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorExportsEverythingFromTheBillingPageAndSeesTheDownloadAtHundredPercent() {
        // given tenant A with an account
        base = "http://127.0.0.1:" + port;
        Premises.moveIn(as(TENANT_A), "eb" + UUID.randomUUID().toString().substring(0, 6), "10",
                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), "1");

        for (String size : new String[] {"desktop", "phone"}) {
            chromium = size.equals("desktop") ? Chromium.desktop() : Chromium.phone("zh-CN");
            browser = chromium.driver();
            signIn(TestPeople.ADMIN_A);

            // when the administrator starts the export on the billing page
            browser.get(base + "/ui/billing");
            chromium.waitFor(By.id("export-start"));
            chromium.click(By.id("export-start"));

            // then the page shows the job's progress and, reloaded, offers the zip at 100 %
            chromium.waitFor(By.id("export-progress"));
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (browser.findElements(By.id("export-download")).isEmpty()) {
                    browser.navigate().refresh();
                    return false;
                }
                return true;
            });
            assertThat(browser.findElement(By.id("export-progress")).getAttribute("value")).isEqualTo("100");
            assertThat(chromium.text("export")).contains(size.equals("desktop") ? "Leave with your data" : "带走您的数据");
            assertThat(browser.findElement(By.id("export-download")).getAttribute("href")).contains("/ui/export/exp-");
            chromium.screenshot("export-" + size);
            chromium.close();
            chromium = null;
        }
    }

    @Test
    void anExportWhosePartDidNotAnswerShowsItStoppedNamingThePartInBothLanguages() {
        // given tenant A, and the gateways' module throwing when asked for its part of A's export
        base = "http://127.0.0.1:" + port;
        try (FailingExportPart ignored = FailingExportPart.of(queryBus, TENANT_A,
                FindTenantExportParts.METER_GATEWAYS)) {
            for (String size : new String[] {"desktop", "phone"}) {
                chromium = size.equals("desktop") ? Chromium.desktop() : Chromium.phone("zh-CN");
                browser = chromium.driver();
                signIn(TestPeople.ADMIN_A);

                // when the administrator starts the export on the billing page
                browser.get(base + "/ui/billing" + (size.equals("desktop") ? "" : "?lang=zh-CN"));
                chromium.waitFor(By.id("export-start"));
                chromium.click(By.id("export-start"));

                // then, reloaded until the job ends, the page says the export stopped and which part did not answer,
                // and offers no zip
                chromium.waitFor(By.id("export-progress"));
                await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (browser.findElements(By.id("export-incomplete")).isEmpty()
                            && browser.findElements(By.id("export-download")).isEmpty()) {
                        browser.navigate().refresh();
                        return false;
                    }
                    return true;
                });
                assertThat(browser.findElements(By.id("export-download"))).isEmpty();
                assertThat(chromium.text("export-missing")).isEqualTo(size.equals("desktop") ? "gateways" : "网关");
                assertThat(chromium.text("export-incomplete")).contains(size.equals("desktop")
                        ? "did not answer" : "没有应答");
                chromium.screenshot("export-incomplete-" + size);
                chromium.close();
                chromium = null;
            }
        }
    }

    private void signIn(String username) {
        chromium.signIn(base + "/ui", username, TestPeople.PASSWORD);
    }
}
