package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.util.List;
import java.util.UUID;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A landlord sets a master meter's sub-meters from the alert settings' link, in English at desktop size and in
 * Chinese on a 390 px phone (screenshots {@code meter-hierarchy-{desktop,phone-zh-CN}*.png}), without the API.
 */
class MeterHierarchyBrowserTest extends IntegrationTest {
    private Chromium chromium;
    private WebDriver browser;
    private String base;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A property with a master and two sub-meters, known to the read model. */
    private String property() {
        Api landlord = as(TENANT_A);
        String id = "hb-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Riser Court"}""".formatted(id)).status()).isEqualTo(201);
        for (String suffix : List.of("main", "s1", "s2")) {
            assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                    {"unitId":"u-%s-%s","name":"Flat %s"}""".formatted(id, suffix, suffix)).status()).isEqualTo(201);
            assertThat(landlord.post("/api/meters", """
                    {"meterId":"m-%s-%s","unitId":"u-%s-%s","utility":"WATER","serialNumber":"SN-%s-%s"}"""
                    .formatted(id, suffix, id, suffix, id, suffix)).status()).isEqualTo(201);
        }
        await().atMost(PATIENCE).until(() -> OwnerJdbc.client().sql(
                        "select count(*) from meter_view where tenant_id = ? and property_id = ?")
                .params(TENANT_A, "p-" + id).query(Long.class).single() == 3);
        return id;
    }

    private void setSubMeters(String id, String master, String subs) {
        browser.findElement(By.id("propertyId")).sendKeys("p-" + id);
        browser.findElement(By.id("masterMeterId")).sendKeys(master);
        browser.findElement(By.id("subMeterIds")).sendKeys(subs);
        chromium.click(By.id("save-meter-hierarchy"));
    }

    @Test
    void aLandlordSetsSubMetersOnADesktopAndSeesARefusalInChineseOnAPhone() {
        base = "http://127.0.0.1:" + port;
        String id = property();
        String m = "m-" + id + "-";

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/settings/alerts");
        chromium.click(By.id("meter-hierarchy-link"));
        chromium.waitFor(By.id("save-meter-hierarchy"));
        setSubMeters(id, m + "main", m + "s1, " + m + "s2");
        chromium.waitFor(By.id("meter-hierarchy-saved"));
        assertThat(chromium.text("meter-hierarchies")).contains("p-" + id, m + "main", m + "s1, " + m + "s2");
        chromium.screenshot("meter-hierarchy-desktop");

        chromium.close();
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/settings/meter-hierarchy");
        chromium.waitFor(By.id("save-meter-hierarchy"));
        setSubMeters(id, m + "s1", m + "main");
        chromium.waitFor(By.id("meter-hierarchy-error"));
        assertThat(chromium.text("meter-hierarchy-error")).contains("未保存", "subMeterIds[0]");
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        assertThat(((Number) measured.get(0)).longValue()).as("page width " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
        chromium.screenshot("meter-hierarchy-phone-zh-CN");
        assertThat(as(TENANT_A).get("/api/properties/p-%s/meter-hierarchy".formatted(id)).body().toString())
                .contains("\"masterMeterId\":\"" + m + "main\"").doesNotContain("\"masterMeterId\":\"" + m + "s1\"");
    }

    private void signIn() {
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }
}
