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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, editing: a landlord corrects a property's name and address and renames a unit on the property's set-up
 * page, then finds the new names on the units list and through the top bar's search box; in English at desktop size
 * and in Chinese on a 390 x 844 phone, where a control character in the name is refused in place, naming the field
 * and the rule, and nothing is stored. Screenshots {@code target/screenshots/registry-edit-{desktop,phone-zh-CN}-*.png}.
 */
class RegistryEditBrowserTest extends IntegrationTest {
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
    void aLandlordRenamesAPropertyAndAUnitAndFindsThemByTheirNewNames() {
        base = "http://127.0.0.1:" + port;
        String id = "rb" + UUID.randomUUID().toString().substring(0, 8);
        String property = "p-" + id;
        Api landlord = as(TENANT_A);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"%s","name":"Old Mill %s","address":"1 Mill Lane"}""".formatted(property, id))
                .status()).isEqualTo(201);
        for (String unit : List.of("1", "2")) {
            assertThat(landlord.post("/api/properties/%s/units".formatted(property), """
                    {"unitId":"u-%s-%s","name":"Loft %s %s"}""".formatted(id, unit, unit, id)).status())
                    .isEqualTo(201);
        }

        chromium = Chromium.desktop();
        browser = chromium.driver();
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);
        browser.get(base + "/ui/properties/" + property);
        chromium.click(By.id("tab-setup"));
        chromium.click(By.id("edit-link"));
        chromium.waitFor(By.id("save-details"));
        assertThat(browser.findElement(By.id("propertyName")).getDomProperty("value")).isEqualTo("Old Mill " + id);
        type("propertyName", "Riverside " + id);
        type("propertyAddress", "2 River Walk");
        chromium.click(By.id("save-details"));
        chromium.waitFor(By.id("details-done"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Riverside " + id);
        rename("u-" + id + "-1", "Studio " + id);
        chromium.waitFor(By.id("rename-done"));
        assertThat(chromium.text("units")).contains("Studio " + id).doesNotContain("Loft 1 " + id);
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("registry-edit-desktop-setup");

        browser.get(base + "/ui/units?property=" + property);
        chromium.waitFor(By.id("list-table"));
        assertThat(chromium.text("list-table")).contains("Studio " + id, "Loft 2 " + id);
        search("Studio " + id);
        assertThat(chromium.text("search-hits")).contains("u-" + id + "-1", "Studio " + id);
        chromium.screenshot("registry-edit-desktop-search-found");
        search("Loft 1 " + id);
        chromium.waitFor(By.id("search-none"));
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("registry-edit-desktop-search");

        chromium.close();
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);
        browser.get(base + "/ui/properties/%s/setup".formatted(property));
        chromium.waitFor(By.id("save-details"));
        // a control character cannot be typed: set as a script would, to see the server's refusal in place
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('propertyName').value = 'River\\u0007side';");
        chromium.click(By.id("save-details"));
        chromium.waitFor(By.id("details-error"));
        assertThat(chromium.text("details-error")).contains("未保存", "名称", "text-control-character");
        assertThat(browser.findElement(By.id("propertyName")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(OwnerJdbc.client().sql("select name from property where tenant_id = ? and property_id = ?")
                .params(TENANT_A, property).query(String.class).single()).isEqualTo("Riverside " + id);
        assertNothingSpillsSideways();
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("registry-edit-phone-zh-CN-refused");

        rename("u-" + id + "-2", "二号房 " + id);
        chromium.waitFor(By.id("rename-done"));
        assertThat(new Select(browser.findElement(By.id("renameUnitId"))).getFirstSelectedOption().getDomAttribute("value"))
                .as("the renamed unit stays chosen").isEqualTo("u-" + id + "-2");
        assertThat(chromium.text("units")).contains("二号房 " + id);
        assertNothingSpillsSideways();
        chromium.screenshot("registry-edit-phone-zh-CN-renamed");
        search("二号房 " + id);
        assertThat(chromium.text("search-hits")).contains("u-" + id + "-2", "二号房 " + id);
        assertNothingSpillsSideways();
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("registry-edit-phone-zh-CN-search");
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    private void rename(String unitId, String name) {
        new Select(browser.findElement(By.id("renameUnitId"))).selectByValue(unitId);
        type("newUnitName", name);
        chromium.click(By.id("rename-unit"));
    }

    private void search(String text) {
        chromium.waitFor(By.id("top-search-q"));
        WebElement box = browser.findElement(By.id("top-search-q"));
        box.clear();
        box.sendKeys(text + Keys.ENTER);
        chromium.waitFor(By.id("search-page-q"));
    }

    private void assertNothingSpillsSideways() {
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        assertThat(((Number) measured.get(0)).longValue()).as("page width " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
    }
}
