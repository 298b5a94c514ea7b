package com.meterledger.app.imports;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Chinese reader uploads a file two of whose rows are refused, runs it, and reads on the job page why each row was refused
 * in Chinese, with the ids the refusal names (the duplicate unit, the unknown tariff), at desktop size and on a 390 px
 * phone (screenshots {@code import-job-zh-CN-*.png}).
 */
class ImportJobLanguageBrowserTest extends IntegrationTest {
    private Chromium chromium;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "phone={0}")
    @ValueSource(booleans = {false, true})
    void aChineseReaderRunsAFileOfRefusedRowsAndReadsEachRefusalInChineseWithItsIds(boolean phone) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String property = "ijb-" + id;
        assertThat(as(TENANT_A).post("/api/properties", """
                {"propertyId":"%s","name":"Import %s"}""".formatted(property, id)).status()).isEqualTo(201);
        String tariff = "ijb-t-" + id;
        assertThat(as(TENANT_A).post("/api/tariffs", """
                {"tariffId":"%s","name":"Import","utility":"ELECTRICITY","currency":"EUR","zone":"UTC"}"""
                .formatted(tariff)).status()).isEqualTo(201);
        Instant inForce = Instant.now().plusSeconds(5);
        assertThat(as(TENANT_A).post("/api/tariffs/%s/versions".formatted(tariff), """
                {"effectiveFrom":"%s","schedule":{"kind":"FLAT","price":"10"},"standingChargePerDay":"0"}"""
                .formatted(inForce)).status()).isEqualTo(201);
        // the valid row opens its account "now": the version may not be back-dated, so it starts a moment ahead
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(inForce));
        String row = property + ",%s-u1,Flat 1,%s-%s,ELECTRICITY,SN-%s,%s-%s,EUR,no-such-tariff,,100,0,,,\r\n";
        Path file = Files.createTempFile("import-", ".csv");
        Files.writeString(file, "property,unit,unit_name,meter,utility,serial,account,currency,tariff,"
                + "opening_read_at,opening_register,opening_balance,occupant_name,occupant_email,occupant_phone\r\n"
                + row.formatted(id, id, "m1", id + "m1", id, "a1")
                + row.formatted(id, id, "m2", id + "m2", id, "a2")
                + row.replace("-u1,", "-u3,").replace("no-such-tariff", tariff).formatted(id, id, "m3", id + "m3", id,
                "a3"),
                StandardCharsets.UTF_8);

        chromium = phone ? Chromium.phone("zh-CN") : Chromium.desktop("zh-CN");
        WebDriver browser = chromium.driver();
        String base = "http://127.0.0.1:" + port;
        chromium.signIn(base + "/ui/imports?lang=zh-CN", TestPeople.ADMIN_A, TestPeople.PASSWORD);
        browser.get(base + "/ui/imports?lang=zh-CN");
        chromium.waitFor(By.id("import-file"));
        browser.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        chromium.click(By.id("dry-run"));
        chromium.waitFor(By.id("run-import"));
        chromium.click(By.id("run-import"));
        chromium.waitFor(By.id("import-outcomes"));
        // the page reloads itself every second while the job runs: the status is looked up afresh each time
        new WebDriverWait(browser, Chromium.PATIENCE).ignoring(StaleElementReferenceException.class).until(
                driver -> "FINISHED".equals(driver.findElement(By.id("import-status")).getAttribute("data-status")));

        String outcomes = chromium.text("import-outcomes");
        assertThat(outcomes).contains("电价 no-such-tariff 不属于您；请先创建并发布。",
                        id + "-u1 已在前面的行中出现。")
                .doesNotContain("is not one of yours", "appears in an earlier row");
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("import-job-zh-CN-" + (phone ? "phone" : "desktop"));
        Files.delete(file);
    }
}
