package com.meterledger.app.tariff;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tariff list page in headless Chromium: a landlord narrows the tenant's tariffs by name, pages through them,
 * sorts them by name, filters them by kind and finds one through the top bar's search box; the same list on a 390 px
 * phone in Chinese, where the page may not spill sideways. Screenshots are left in {@code target/screenshots}
 * (tariffs-*).
 */
class TariffListBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(TariffListBrowserTest.class);

    private Chromium chromium;
    private WebDriver browser;
    private String id;
    private String base;

    /** Tariffs tb-ID-a "Alder ID" (tiered, in force), tb-ID-b "Birch ID" (flat, from next month), tb-ID-c (draft). */
    @BeforeEach
    void threeTariffs() {
        id = UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        create(landlord, "a", "Alder " + id, "ELECTRICITY");
        // a version never takes effect in the past: on the shared machine a request may outlast a short lead, which
        // the tariff rightly refuses as back-dated; then again, further ahead
        for (int lead = 5; !publish(landlord, "a", Instant.now().plusSeconds(lead), """
                {"kind":"TIERED","period":"MONTH","tiers":[{"upTo":"100","price":"52"},{"price":"80"}]}"""); lead *= 2) {
            assertThat(lead).as("lead in seconds before giving up").isLessThan(80);
        }
        create(landlord, "b", "Birch " + id, "ELECTRICITY");
        assertThat(publish(landlord, "b", Instant.now().plus(Duration.ofDays(30)), """
                {"kind":"FLAT","price":"61"}""")).isTrue();
        create(landlord, "c", "Cedar " + id, "WATER");
        await().atMost(Chromium.PATIENCE).untilAsserted(() -> {
            var items = landlord.get("/api/tariffs?name=" + id).body().get("items");
            assertThat(items).hasSize(3);
            assertThat(items.get(0).get("versionInForce").asInt()).isEqualTo(1);
        });
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aLandlordPagesSortsAndFiltersTheTariffListAndFindsATariffOnDesktopAndPhone() {
        // desktop, English: two to a page
        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        long began = System.nanoTime();
        browser.get(base + "/ui/tariffs?name=" + id + "&size=2");
        chromium.waitFor(By.id("list-table"));
        log.info("tariff list page shown {} ms after it was asked for", (System.nanoTime() - began) / 1_000_000);
        assertThat(rows()).hasSize(2);
        assertThat(table()).contains("tb-" + id + "-a", "Alder " + id, "Tiered blocks", "Published", "Version 1 since",
                "tb-" + id + "-b", "Flat", "None yet");
        chromium.screenshot("tariffs-list-desktop");
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));          // the next page follows the list's cursor
        assertThat(rows()).hasSize(1);
        assertThat(table()).contains("tb-" + id + "-c", "Cedar " + id, "Water", "Draft (no version yet)");
        // sorted by name, descending (a second click on the header): Cedar first
        chromium.click(By.linkText("Name"));
        chromium.waitFor(By.cssSelector("th[aria-sort=ascending]"));
        chromium.click(By.partialLinkText("Name"));
        chromium.waitFor(By.cssSelector("th[aria-sort=descending]"));
        assertThat(browser.getCurrentUrl()).contains("sort=-name").contains("name=" + id);
        assertThat(rows().getFirst()).contains("tb-" + id + "-c");
        // filtered by kind through the filter form
        new Select(browser.findElement(By.cssSelector("#list-filters select[name=kind]"))).selectByValue("TIERED");
        browser.findElement(By.cssSelector("#list-filters button[type=submit]")).click();
        chromium.waitFor(By.cssSelector("#list-filters select[name=kind] option[value=TIERED][selected]"));
        assertThat(rows()).hasSize(1);
        assertThat(table()).contains("tb-" + id + "-a").doesNotContain("tb-" + id + "-b");
        chromium.screenshot("tariffs-list-filtered-desktop");
        // the search box finds a tariff by its name, and its link opens the tariff
        browser.findElement(By.id("top-search-q")).sendKeys("Birch " + id + Keys.ENTER);
        chromium.waitFor(By.id("search-hits"));
        assertThat(browser.findElement(By.id("search-hits")).getText()).contains("tb-" + id + "-b", "Tariff");
        chromium.click(By.linkText("tb-" + id + "-b"));
        chromium.waitFor(By.tagName("h1"));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/tariffs/tb-" + id + "-b");
        chromium.close();

        // phone, Chinese
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/tariffs?name=" + id);
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("电价");
        assertThat(table()).contains("阶梯", "已发布", "第1版", "草稿（尚无版本）", "尚无生效版本");
        assertNothingSpillsSideways();
        chromium.screenshot("tariffs-list-phone-zh-CN");
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#list-table tbody tr")).stream().map(r -> r.getText()).toList();
    }

    private String table() {
        return browser.findElement(By.id("list-table")).getText();
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

    private void create(Api landlord, String suffix, String name, String utility) {
        assertThat(landlord.post("/api/tariffs", """
                {"tariffId":"tb-%s-%s","name":"%s","utility":"%s","currency":"EUR","zone":"UTC"}"""
                .formatted(id, suffix, name, utility)).status()).isEqualTo(201);
    }

    /** @return whether it was published; false only when refused as back-dated */
    private boolean publish(Api landlord, String suffix, Instant effectiveFrom, String schedule) {
        Api.Response published = landlord.post("/api/tariffs/tb-%s-%s/versions".formatted(id, suffix), """
                {"effectiveFrom":"%s","schedule":%s,"standingChargePerDay":"0"}"""
                .formatted(effectiveFrom.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), schedule));
        if (published.status() != 201) {
            assertThat(published.text("rule")).as(published.body().toString()).isEqualTo("tariff-version-back-dated");
        }
        return published.status() == 201;
    }
}
