package com.meterledger.app.listing;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestPeople;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lists, the search box and head office in headless Chromium: a landlord finds a unit through the top bar's
 * search box, follows it to the property's accounts list, sorts it, opens head office and the property's charts; the
 * same on a 390 px phone in Chinese, where no page may spill sideways. Screenshots are left in
 * {@code target/screenshots} (lists-*).
 */
class ListsBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(ListsBrowserTest.class);

    private Chromium chromium;
    private WebDriver browser;
    private String id;
    private String base;
    @Autowired
    EmbeddedMailSink mailbox;

    /** Property p-ID with unit u-ID ("Flat 1"), meter m-ID and a funded account a-ID, through the API. */
    @BeforeEach
    void aFundedAccount() {
        id = "lb" + UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":50000,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"1012"}""".formatted(Instant.now().minusSeconds(60)
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        await().atMost(Chromium.PATIENCE).untilAsserted(() -> assertThat(landlord
                .get("/api/accounts?property=p-" + id).body().get("items").get(0).get("balanceMinor").asLong())
                .isEqualTo(49_880));
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aLandlordFindsAUnitThroughTheSearchBoxAndOpensHeadOfficeOnDesktopAndPhone() {
        // desktop, English
        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        long began = System.nanoTime();
        search("u-" + id);
        log.info("search box: results page shown {} ms after Enter", (System.nanoTime() - began) / 1_000_000);
        assertThat(browser.findElement(By.id("search-hits")).getText()).contains("u-" + id, "Flat 1", "Unit");
        chromium.screenshot("lists-search-desktop");
        chromium.click(By.linkText("u-" + id));
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("a-" + id, "498.80");
        // sort by balance, descending (a second click on the header)
        chromium.click(By.linkText("Balance"));
        chromium.waitFor(By.cssSelector("th[aria-sort=ascending]"));
        chromium.click(By.partialLinkText("Balance"));
        chromium.waitFor(By.cssSelector("th[aria-sort=descending]"));
        assertThat(browser.getCurrentUrl()).contains("sort=-balance").contains("property=p-" + id);
        chromium.screenshot("lists-accounts-desktop");

        browser.get(base + "/ui/head-office");
        chromium.waitFor(By.id("ho-p-" + id));
        String row = browser.findElement(By.id("ho-p-" + id)).getText();
        // 12 kWh read in the last 24 h: one of one active meter read; 12 x 0.10 charged today
        assertThat(row).contains("Test Court " + id, "100.0%", "1 of 1 active meters read", "1.20 EUR");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect"))).isNotEmpty();
        // the seed's target as it is, not rounded by the message's number format to "1"
        assertThat(browser.findElement(By.tagName("thead")).getText()).contains("(target 0.9995)");
        chromium.screenshot("lists-head-office-desktop");
        chromium.click(By.cssSelector("#ho-p-" + id + " a.muted"));
        chromium.waitFor(By.id("property-daily-electricity"));
        chromium.screenshot("lists-history-desktop");
        chromium.close();

        // phone, Chinese
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        search("u-" + id);
        assertThat(browser.findElement(By.id("search-hits")).getText()).contains("u-" + id, "房间");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-search-phone-zh-CN");
        browser.get(base + "/ui/accounts?property=p-" + id);
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("账户");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-accounts-phone-zh-CN");
        browser.get(base + "/ui/head-office");
        chromium.waitFor(By.id("ho-p-" + id));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("总部视图");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-head-office-phone-zh-CN");
        browser.get(base + "/ui/gateways");
        chromium.waitFor(By.id("list-filters"));
        assertNothingSpillsSideways();
        chromium.screenshot("lists-gateways-phone-zh-CN");
    }

    @Test
    void aRefusedFilterIsShownBesideItInPlaceAndNextPagesFollowTheKeysetCursorOnDesktopAndPhone() {
        // a property of 51 accounts: one more than a page
        Api landlord = as(TENANT_A);
        String many = "pg" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Paged Court %s"}""".formatted(many, many)).status()).isEqualTo(201);
        Instant opened = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 51; i++) {
            String n = "%s-%02d".formatted(many, i);
            assertThat(landlord.post("/api/properties/p-%s/units".formatted(many), """
                    {"unitId":"u-%s","name":"Flat %d"}""".formatted(n, i)).status()).isEqualTo(201);
            assertThat(landlord.post("/api/meters", """
                    {"meterId":"m-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                    .formatted(n, n, n)).status()).isEqualTo(201);
            assertThat(landlord.post("/api/accounts", """
                    {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"10",
                     "openingReadAt":"%s","openingRegister":"0"}""".formatted(n, n, n, opened)).status())
                    .isEqualTo(201);
        }
        await().atMost(Chromium.PATIENCE).until(() -> landlord.get("/api/accounts?size=200&property=p-" + many)
                .body().get("items").size() == 51);

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/accounts?property=p-" + many + "&notReadForHours=two+days");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accounts");
        assertThat(browser.findElement(By.id("list-error")).getText())
                .contains("Not read for (hours)", "must be a whole number");
        // beside the field it names, which keeps what was typed
        assertThat(browser.findElement(By.cssSelector("label.refused input")).getAttribute("value"))
                .isEqualTo("two days");
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).isEmpty();
        chromium.screenshot("lists-filter-refused-desktop");

        browser.get(base + "/ui/accounts?property=p-" + many);
        chromium.waitFor(By.id("page-next"));
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("page-next")).getAttribute("href")).contains("cursor=")
                .doesNotContain("page=");
        long began = System.nanoTime();
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        log.info("accounts list: the page after the cursor shown {} ms after the click",
                (System.nanoTime() - began) / 1_000_000);
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("a-" + many + "-50")
                .doesNotContain("a-" + many + "-49");
        assertThat(browser.findElements(By.id("page-next"))).isEmpty();
        chromium.screenshot("lists-accounts-next-page-desktop");
        chromium.close();

        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/meters?property=p-" + many + "&supplyOff=maybe");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("表计");
        assertThat(browser.findElement(By.id("list-error")).getText()).contains("没有这个筛选值");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-filter-refused-phone-zh-CN");
        browser.get(base + "/ui/meters?property=p-" + many);
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("m-" + many + "-50");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-meters-next-page-phone-zh-CN");
        browser.get(base + "/ui/gateways?page=-1");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).contains("页码须为 0 或以上（当前为 -1）");
        assertNothingSpillsSideways();
    }

    @Test
    void theUnitsAndGatewaysPagesFollowTheKeysetCursorAndLeadBackToTheFirstPageOnDesktopAndPhone() {
        // a property of 51 units and 51 gateways: one more than a page of each
        Api landlord = as(TENANT_A);
        String many = "ug" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Roofs Court %s"}""".formatted(many, many)).status()).isEqualTo(201);
        for (int i = 0; i < 51; i++) {
            String n = "%s-%02d".formatted(many, i);
            assertThat(landlord.post("/api/properties/p-%s/units".formatted(many), """
                    {"unitId":"u-%s","name":"Flat %d"}""".formatted(n, i)).status()).isEqualTo(201);
            assertThat(landlord.post("/api/gateways", """
                    {"gatewayId":"gw-%s","propertyId":"p-%s","name":"Roof %d"}""".formatted(n, many, i)).status())
                    .isEqualTo(201);
        }

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/units?property=p-" + many);
        chromium.waitFor(By.id("page-next"));
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("page-next")).getAttribute("href")).contains("cursor=")
                .doesNotContain("page=");
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("u-" + many + "-50")
                .doesNotContain("u-" + many + "-49");
        assertThat(browser.findElements(By.id("page-next"))).isEmpty();
        chromium.screenshot("lists-units-next-page-desktop");
        chromium.click(By.id("page-first"));
        chromium.waitFor(By.id("page-next"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("u-" + many + "-00")
                .doesNotContain("u-" + many + "-50");
        assertThat(browser.findElements(By.id("page-first"))).isEmpty();
        browser.get(base + "/ui/gateways?property=p-" + many + "&sort=-name");
        chromium.waitFor(By.id("page-next"));
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        // names sort as text, going down: "Roof 9" first, "Roof 0" on the second page
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("gw-" + many + "-00");
        chromium.screenshot("lists-gateways-next-page-desktop");
        // the units' cursor sent to the gateways, whose sort keys are alike: refused in place, named in English words
        browser.get(base + "/ui/units?property=p-" + many);
        chromium.waitFor(By.id("page-next"));
        String unitsCursor = cursorOf(browser.findElement(By.id("page-next")).getAttribute("href"));
        browser.get(base + "/ui/gateways?property=p-" + many + "&cursor=" + unitsCursor);
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText())
                .startsWith("Position in the list: ").contains("another list");
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).isEmpty();
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("lists-gateways-other-list-cursor-desktop");
        // and on the tariffs page, which refuses in place as the other lists do
        browser.get(base + "/ui/tariffs?cursor=" + unitsCursor);
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).startsWith("Position in the list: ");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tariffs");
        browser.get(base + "/ui/tariffs?kind=GAS");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.cssSelector("label.refused select")).getAttribute("name")).isEqualTo("kind");
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("lists-tariffs-refused-desktop");
        chromium.close();

        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn();
        browser.get(base + "/ui/gateways?property=p-" + many);
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("gw-" + many + "-50");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-gateways-next-page-phone-zh-CN");
        browser.get(base + "/ui/units?property=p-" + many);
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("u-" + many + "-50");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-units-next-page-phone-zh-CN");
        // a cursor that is not one the list gave out: refused on the page, in the reader's language, no rows
        browser.get(base + "/ui/units?cursor=not-a-cursor");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).startsWith("列表中的位置：")
                .doesNotContain("cursor");
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).isEmpty();
        assertNothingSpillsSideways();
        chromium.screenshot("lists-units-cursor-refused-phone-zh-CN");
        // the next page's cursor of one property's units, sent without that property: made under other filters
        browser.get(base + "/ui/units?property=p-" + many);
        chromium.waitFor(By.id("page-next"));
        browser.get(base + "/ui/units?cursor=" + cursorOf(browser.findElement(By.id("page-next")).getAttribute("href")));
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).startsWith("列表中的位置：")
                .contains("另一组筛选条件");
        assertNothingSpillsSideways();
        chromium.screenshot("lists-units-other-filters-cursor-phone-zh-CN");
        browser.get(base + "/ui/units?sort=floor");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).startsWith("排序方式：");
    }

    /** The cursor a "next" link carries, as sent. */
    private static String cursorOf(String href) {
        java.util.regex.Matcher cursor = java.util.regex.Pattern.compile("[?&]cursor=([^&]+)").matcher(href);
        assertThat(cursor.find()).as(href).isTrue();
        return cursor.group(1);
    }

    private void search(String text) {
        chromium.waitFor(By.id("top-search-q"));
        browser.findElement(By.id("top-search-q")).sendKeys(text + Keys.ENTER);
        chromium.waitFor(By.id("search-hits"));
    }

    private void assertNothingSpillsSideways() {
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript("""
                return [document.documentElement.scrollWidth, window.innerWidth];""");
        assertThat(((Number) measured.get(0)).longValue()).as("page width at most the screen's " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
    }

    @Test
    void aChineseGroupsPropertiesAreAListThatSortsPagesByCursorAndLeadsToEachPropertysUnits() {
        // given a Chinese group of its own with 51 properties: one more than a page
        SignedUpTenants.SignedUp group = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api landlord = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, group.email(), group.password()).orElseThrow());
        for (int i = 0; i < 51; i++) {
            assertThat(landlord.post("/api/properties", """
                    {"propertyId":"p-%02d","name":"阳光花园 %02d 栋","address":"上海市浦东新区 %d 号"}"""
                    .formatted(i, 50 - i, i)).status()).isEqualTo(201);
        }
        assertThat(landlord.post("/api/properties/p-07/units", """
                {"unitId":"u-701","name":"701 室"}""").status()).isEqualTo(201);

        // when its administrator opens the list on a phone, sorted by name
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        chromium.signIn(base + "/ui", group.email(), group.password());
        browser.get(base + "/ui/properties?sort=name");
        chromium.waitFor(By.id("page-next"));

        // then a page of 50 in the name's order, in Chinese, its "next" a cursor to the last one
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("物业");
        List<WebElement> rows = browser.findElements(By.cssSelector("#list-table tbody tr"));
        assertThat(rows).hasSize(50);
        assertThat(rows.getFirst().getText()).contains("p-50", "阳光花园 00 栋", "上海市浦东新区 50 号");
        assertThat(browser.findElement(By.id("page-next")).getAttribute("href")).contains("cursor=")
                .doesNotContain("page=");
        assertNothingSpillsSideways();
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("lists-properties-phone-zh-CN");
        chromium.click(By.id("page-next"));
        chromium.waitFor(By.id("page-first"));
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("p-00", "阳光花园 50 栋");
        browser.get(base + "/ui/properties?sort=floor");
        chromium.waitFor(By.id("list-error"));
        assertThat(browser.findElement(By.id("list-error")).getText()).startsWith("排序方式：");
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr"))).isEmpty();
        chromium.close();

        // and on a desktop, a property's row leads to its units
        chromium = Chromium.desktop();
        browser = chromium.driver();
        chromium.signIn(base + "/ui", group.email(), group.password());
        browser.get(base + "/ui/properties");
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElements(By.cssSelector("#list-table tbody tr")).getFirst().getText())
                .startsWith("p-00");
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("lists-properties-desktop-zh-CN");
        browser.findElements(By.cssSelector("#list-table tbody tr")).get(7)
                .findElement(By.linkText("查看")).click();
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("房间");
        assertThat(browser.findElement(By.id("list-table")).getText()).contains("u-701", "701 室");
    }

    private void signIn() {
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }
}
