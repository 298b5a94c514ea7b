package com.meterledger.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.gateway.MqttTestGateway;
import com.meterledger.app.support.ChinesePhonePage;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.gateway.meter.mqtt.EmbeddedMqttBroker;
import com.meterledger.query.alert.AlertEvaluator;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's "done when" as one browser test: a new landlord with no data runs its first property from the browser
 * only, never the staff API. It adds the property, imports its 200 units and meters from an XLSX file (dry run, then
 * run), publishes a tiered tariff after its dry run, opens an account by hand (refused in place first) and the other
 * 199 by a second import, sees head office count its active meters with none read yet, registers a gateway (its
 * secret shown once) and attaches a meter, sees the reading the gateway sends up over MQTT arrive and collection
 * completeness move, finds a unit through the top bar's search box, acknowledges a "meter not read" alert with a note
 * after the next day's evaluator pass, and cuts supply over a selection of meters with each meter's outcome.
 * <p>
 * The same path twice (issue 17 item 3): an English landlord at desktop size, every step photographed at desktop size
 * and at a 390 x 844 phone's (the same page under device emulation, which must not scroll sideways), then every page
 * it used opened on a phone; and a Chinese landlord (the tenant's language zh-CN, Asia/Shanghai, CNY, in a browser
 * that asks for no language, so the tenant's setting is what makes the pages Chinese) on a 390 x 844 phone from the
 * first step to the last, where every page it visits, and then every page the English landlord's day used, must be
 * Chinese, fit the screen, show its moments on the tenant's clock and pass axe-core ({@link ChinesePhonePage}); its
 * findings are listed together at the end. The texts the path reads come from the pages' own bundles, in the pass's
 * language. Screenshots: {@code target/screenshots/landlord-*-{desktop,phone}.png} and
 * {@code target/screenshots/landlord-zh-CN-*-phone.png}.
 */
class LandlordBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(LandlordBrowserTest.class);
    private static final int UNITS = 200;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    EmbeddedMqttBroker broker;
    @Autowired
    AlertEvaluator evaluator;

    private Chromium chromium;
    private Landlord landlord;
    private ChinesePhonePage pages;
    private final List<String> findings = new ArrayList<>();

    /**
     * A pass: the landlord's language, whether it works on a phone, and the names a landlord of that language gives
     * its things (a Chinese landlord names its flats in Chinese; ids stay ids).
     */
    record Landlord(String language, Locale locale, boolean phone, String propertyName, String address,
                    IntFunction<String> unitName, String tariffName, String gatewayName, String reason, String note,
                    String moment) {
        @Override
        public String toString() {
            return language + (phone ? " on a 390 px phone" : " at desktop size");
        }
    }

    static Stream<Landlord> landlords() {
        return Stream.of(
                new Landlord("en", Locale.ENGLISH, false, "Harbour View", "1 Quay Road", i -> "Flat " + i,
                        "Home electricity", "Basement concentrator", "Wiring work on floor 1",
                        "Caretaker checks the meter box at 9",
                        "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} Asia/Shanghai"),
                new Landlord("zh-CN", ChinesePhonePage.CHINESE, true, "海港花园", "码头路1号", i -> i + "号房",
                        "居民用电", "地下室集中器", "一楼线路检修", "管理员九点检查电表箱",
                        "\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}:\\d{2} Asia/Shanghai"));
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("landlords")
    void aNewLandlordSetsUpAPropertyOf200UnitsImportsPublishesATariffOpensAccountsSeesAReadingAndCutsABatch(
            Landlord pass) throws Exception {
        Instant began = Instant.now();
        landlord = pass;
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, pass.language());
        String id = UUID.randomUUID().toString().substring(0, 6);
        String property = "harbour";
        String tariff = "home-" + id;
        String base = "http://127.0.0.1:" + port;
        chromium = pass.phone() ? Chromium.phone() : Chromium.desktop();
        pages = new ChinesePhonePage(chromium, SHANGHAI, began);
        WebDriver browser = chromium.driver();
        signIn(base, tenant);
        look("home", "home.title");

        // the property
        chromium.click(By.id("add-property"));
        chromium.waitFor(By.id("propertyId"));
        look("property-new", "landlord.property.new");
        browser.findElement(By.id("propertyId")).sendKeys(property);
        browser.findElement(By.id("name")).sendKeys(pass.propertyName());
        browser.findElement(By.id("address")).sendKeys(pass.address());
        chromium.click(By.id("add-property"));
        chromium.waitFor(By.id("unit-form"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(pass.propertyName());
        look("property-setup", "tab.setup", "tab.supply");

        // 200 units with their meters, from XLSX: dry run, then run
        long started = System.nanoTime();
        Path units = xlsx("units-" + id, sheet -> {
            header(sheet, "property", "unit", "unit_name", "meter", "utility", "serial");
            for (int i = 1; i <= UNITS; i++) {
                cells(sheet.createRow(i), property, unit(i), pass.unitName().apply(i), meter(id, i),
                        i % 5 == 0 ? "WATER" : "ELECTRICITY", "SN-" + id + "-" + i);
            }
        });
        importFile(browser, units, UNITS, 0);
        scrollTo(By.id("import-summary"));
        look("import-dry-run", "landlord.import.title");
        runImport(browser, UNITS, 0, 0);
        look("import-job", "landlord.import.job");
        log.info("{}: imported {} units with meters through the browser in {} ms", pass, UNITS,
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        // a tiered tariff, dry run first, then published
        chromium.click(By.id("nav-landlord"));
        chromium.waitFor(By.id("tariff-form"));
        look("tariffs", "landlord.tariffs.title");
        browser.findElement(By.id("tariffId")).sendKeys(tariff);
        browser.findElement(By.id("name")).sendKeys(pass.tariffName());
        clear(browser, "zone", "Asia/Shanghai");
        chromium.click(By.id("create-tariff"));
        chromium.waitFor(By.id("no-versions"));
        new Select(browser.findElement(By.id("kind"))).selectByValue("TIERED");
        browser.findElement(By.id("tiers")).sendKeys("100:52, 200:61, :80");
        clear(browser, "standingChargePerDay", "0");
        assertThat(browser.findElements(By.id("publish"))).as("no publish button before a dry run").isEmpty();
        look("tariff-new", "landlord.tariff.no-versions");
        chromium.click(By.id("dry-run"));
        chromium.waitFor(By.id("dry-run-result"));
        scrollTo(By.id("dry-run-result"));
        look("tariff-dry-run", "landlord.tariff.dry-run.heading");
        Instant published = Instant.now();
        chromium.click(By.id("publish"));
        chromium.waitFor(By.id("publish-done"));
        // a version published for "now" takes effect 5 s later (never back-dated): accounts open once it is in force
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(published.plusSeconds(6)));
        assertThat(browser.findElement(By.id("versions")).getText()).contains(
                words("landlord.schedule.TIERED", words("landlord.tariff.period.MONTH"), "100:52, 200:61, :80"));
        look("tariff-published", "landlord.tariff.versions");

        // one account by hand: the form refuses a negative register in place, naming the field and its rule
        browser.get(base + "/ui/properties/" + property + "/setup");
        chromium.waitFor(By.id("account-form"));
        browser.findElement(By.id("accountId")).sendKeys(account(id, 1));
        browser.findElement(By.id("accountMeterId")).sendKeys(meter(id, 1));
        browser.findElement(By.id("tariffId")).sendKeys(tariff);
        browser.findElement(By.id("openingRegister")).sendKeys("-5");
        chromium.click(By.id("open-account"));
        chromium.waitFor(By.id("account-error"));
        assertThat(chromium.text("account-error")).contains("openingRegister");
        assertThat(browser.findElement(By.id("openingRegister")).getAttribute("aria-invalid")).isEqualTo("true");
        scrollTo(By.id("account-error"));
        look("account-refused", "tab.setup");
        clear(browser, "openingRegister", "100");
        chromium.click(By.id("open-account"));
        chromium.waitFor(By.id("account-done"));
        look("account-opened", "tab.setup");

        // the other 199 accounts (with opening readings and balances) by a second import of the same units
        Path accounts = xlsx("accounts-" + id, sheet -> {
            header(sheet, "property", "unit", "meter", "utility", "account", "currency", "tariff", "opening_register",
                    "opening_balance");
            for (int i = 1; i <= UNITS; i++) {
                cells(sheet.createRow(i), property, unit(i), meter(id, i), i % 5 == 0 ? "WATER" : "ELECTRICITY",
                        account(id, i), "CNY", i % 5 == 0 ? null : tariff, "100", "20000");
            }
        });
        browser.get(base + "/ui/imports");
        // water meters have no tariff in the file: their rows are refused, with the row and the column
        importFile(browser, accounts, UNITS - UNITS / 5, UNITS / 5);
        assertThat(browser.findElement(By.id("import-errors")).getText()).contains("tariff", "import-value-required");
        scrollTo(By.id("import-summary"));
        look("accounts-import-dry-run", "landlord.import.title");
        int active = UNITS - UNITS / 5;
        runImport(browser, active - 1, 1, UNITS / 5);
        look("accounts-import-job", "landlord.import.job");

        // head office counts the new property's active meters, none of them read since its opening reading; its
        // figures are a projection of the accounts' events, which may end a few seconds after the job's last batch
        // now that the import's workers no longer wait for each other (the page is opened again until they show)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            chromium.click(By.id("nav-head-office"));
            chromium.waitFor(By.id("ho-" + property));
            assertThat(browser.findElement(By.id("ho-" + property)).getText()).contains(pass.propertyName(),
                    words("headoffice.read-of", 0, active));
        });
        look("head-office-before", "headoffice.title");

        // a gateway: its secret is shown once; a meter is attached; its reading arrives
        chromium.click(By.id("nav-gateways"));
        chromium.waitFor(By.id("gateway-form"));
        browser.findElement(By.id("gatewayId")).sendKeys("gw-" + id);
        browser.findElement(By.id("propertyId")).sendKeys(property);
        browser.findElement(By.id("name")).sendKeys(pass.gatewayName());
        chromium.click(By.id("add-gateway"));
        chromium.waitFor(By.id("gateway-secret"));
        String secret = chromium.text("gateway-secret");
        assertThat(secret).isNotBlank();
        scrollTo(By.id("gateway-secret"));
        look("gateway-secret", "landlord.gateways.title");
        browser.findElement(By.id("attach-meter-gw-" + id)).sendKeys(meter(id, 1));
        chromium.click(By.id("attach-gw-" + id));
        chromium.waitFor(By.id("attach-gw-" + id + "-done"));
        assertThat(browser.getPageSource()).doesNotContain(secret).contains(meter(id, 1));
        look("gateways", "landlord.gateways.title");
        try (MqttTestGateway gateway = new MqttTestGateway(broker.serverUri(), tenant.slug(), "gw-" + id, secret)) {
            gateway.publish("readings", """
                    {"v":1,"batchId":"b-%s","sentAt":"%s","readings":[{"meter":"%s","readAt":"%s","kind":"INTERVAL",
                     "registers":{"total":"112.5"}}]}""".formatted(id, Instant.now(), meter(id, 1),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            JsonNode result = gateway.nextResult();
            assertThat(result.get("accepted").asInt()).as(result.toString()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.get(base + "/ui/properties/" + property + "/meters");
            assertThat(browser.findElement(By.tagName("tbody")).getText())
                    .contains(meter(id, 1) + " " + pass.unitName().apply(1)).contains("112.5");
        });
        look("meters-reading", "tab.meters");

        // collection completeness moved: the gateway's meter is read
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.get(base + "/ui/head-office");
            assertThat(browser.findElement(By.id("ho-" + property)).getText())
                    .contains(words("headoffice.read-of", 1, active), "0.6%");
        });
        look("head-office-after", "headoffice.title");

        // a unit found through the top bar's search box, by its name
        chromium.waitFor(By.id("top-search-q"));
        browser.findElement(By.id("top-search-q")).sendKeys(pass.unitName().apply(17) + Keys.ENTER);
        chromium.waitFor(By.id("search-hits"));
        assertThat(browser.findElement(By.id("search-hits")).getText()).contains(unit(17), pass.unitName().apply(17));
        look("search", "search.title");
        chromium.click(By.linkText(unit(17)));
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains(account(id, 17));
        look("search-unit", "list.accounts.title");

        // the next day's evaluator pass (the scheduler's, run here at that moment): the unread meters are alerts;
        // one of them is acknowledged with a note in the inbox
        evaluator.evaluate(new TenantId(tenant.slug()), Instant.now().plus(Duration.ofHours(25)));
        chromium.click(By.id("nav-alerts"));
        chromium.waitFor(By.id("alert-filters"));
        chromium.click(By.linkText(words("alert.state.OPEN")));
        chromium.waitFor(By.cssSelector("li.alert-card.OPEN"));
        WebElement card = browser.findElements(By.cssSelector("li.alert-card.OPEN")).stream()
                .filter(alert -> alert.getText().contains(words("alert.kind.meter-not-read"))).findFirst()
                .orElseThrow();
        String alertId = card.getAttribute("id").substring("alert-".length());
        assertThat(card.getText()).contains(words("alert.figure.hoursWithoutReading"), "25", words("alert.state.OPEN"))
                // the last reading on the tenant's clock, as every moment on the page, not as an ISO instant
                .contains(words("alert.figure.lastReadAt")).containsPattern(pass.moment())
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
        look("alerts-open", "alerts.title");
        browser.findElement(By.id("note-" + alertId)).sendKeys(pass.note());
        chromium.click(By.cssSelector("#alert-" + alertId.replace(".", "\\.") + " form.acknowledge button"));
        chromium.waitFor(By.id("alert-acknowledged"));
        chromium.click(By.linkText(words("alert.state.ACKNOWLEDGED")));
        chromium.waitFor(By.id("alert-" + alertId));
        assertThat(chromium.text("alert-" + alertId)).contains(words("alert.state.ACKNOWLEDGED"), pass.note());
        look("alert-acknowledged", "alerts.title");
        browser.get(base + "/ui/properties/" + property + "/meters");
        chromium.waitFor(By.tagName("tbody"));

        // a batch cut over a selection, each meter with its outcome
        chromium.click(By.id("tab-supply"));
        chromium.waitFor(By.id("batch-form"));
        for (int i = 1; i <= 3; i++) {
            chromium.click(By.id("pick-" + meter(id, i)));
        }
        new Select(browser.findElement(By.id("action"))).selectByValue("CUT");
        browser.findElement(By.id("reason")).sendKeys(pass.reason());
        chromium.click(By.id("apply-batch"));
        chromium.waitFor(By.id("batch-outcomes"));
        for (int i = 1; i <= 3; i++) {
            assertThat(chromium.text("outcome-" + meter(id, i))).contains(meter(id, i), words("landlord.outcome.DONE"));
        }
        scrollTo(By.id("batch-outcomes"));
        look("batch-cut", "tab.supply");

        // every page of the day fits a phone (and, for the Chinese landlord, reads Chinese on it)
        Map<String, List<String>> day = new LinkedHashMap<>();
        day.put("/ui", List.of("home.title"));
        day.put("/ui/properties/new", List.of("landlord.property.new"));
        day.put("/ui/properties/" + property + "/setup", List.of("tab.setup"));
        day.put("/ui/properties/" + property + "/supply", List.of("tab.supply"));
        day.put("/ui/properties/" + property + "/meters", List.of("tab.meters"));
        day.put("/ui/properties/" + property + "/accounts", List.of("tab.accounts"));
        day.put("/ui/properties/" + property, List.of("tab.dashboard"));
        day.put("/ui/properties/" + property + "/report", List.of("tab.report"));
        day.put("/ui/tariffs", List.of("landlord.tariffs.title"));
        day.put("/ui/tariffs/" + tariff, List.of("landlord.tariff.versions"));
        day.put("/ui/gateways/manage", List.of("landlord.gateways.title"));
        day.put("/ui/gateways", List.of("list.gateways.title"));
        day.put("/ui/imports", List.of("landlord.import.title"));
        day.put("/ui/accounts/" + account(id, 1), List.of("account.back"));
        day.put("/ui/accounts/" + account(id, 1) + "/manage", List.of("landlord.thresholds"));
        day.put("/ui/settings", List.of("settings.title"));
        day.put("/ui/audit", List.of("audit.title"));
        day.put("/ui/finance/reconciliation", List.of("finance.reconciliation.heading"));
        day.put("/ui/head-office", List.of("headoffice.title"));
        day.put("/ui/alerts", List.of("alerts.title"));
        day.put("/ui/search?q=" + pass.unitName().apply(17), List.of("search.title"));
        if (!pass.phone()) {
            chromium.close();
            chromium = Chromium.phone();
            signIn(base, tenant);
        }
        WebDriver phone = chromium.driver();
        for (String page : day.keySet()) {
            phone.get(base + page);
            chromium.waitFor(By.tagName("main"));
            List<?> widths = (List<?>) ((JavascriptExecutor) phone).executeScript(
                    "const top = document.querySelector('header.top');"
                    + " return [document.documentElement.scrollWidth, top.scrollWidth, top.clientWidth];");
            assertThat(((Number) widths.get(0)).intValue()).as("no sideways scrolling on a 390 px phone at " + page)
                    .isLessThanOrEqualTo(390);
            assertThat(((Number) widths.get(1)).intValue()).as("the top bar within itself at " + page)
                    .isLessThanOrEqualTo(((Number) widths.get(2)).intValue());
            if (pass.phone()) {
                look("day" + page.replaceAll("[^a-z0-9]+", "-").replace("-ui", ""),
                        day.get(page).toArray(String[]::new));
            }
        }
        if (!pass.phone()) {
            phone.get(base + "/ui/properties/" + property + "/supply");
            chromium.screenshot("landlord-batch-phone");
            phone.get(base + "/ui/tariffs/" + tariff);
            chromium.screenshot("landlord-tariff-phone");
            phone.get(base + "/ui/accounts/" + account(id, 1) + "/manage");
            chromium.screenshot("landlord-account-manage-phone");
            phone.get(base + "/ui/imports");
            chromium.screenshot("landlord-import-phone");
        }
        log.info("{}: the landlord's path took {} s", pass, Duration.between(began, Instant.now()).toSeconds());
        assertThat(findings).as("what a Chinese landlord on a phone found wrong").isEmpty();
    }

    /** The step's outcome where a person's eyes are, for its photograph (a phone shows little of a long page). */
    private void scrollTo(By outcome) {
        ((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                chromium.driver().findElement(outcome));
    }

    /** The text of {@code key} in the pass's language, as the page writes it. */
    private String words(String key, Object... arguments) {
        return pages.words(landlord.locale(), key, arguments);
    }

    /**
     * A step's page as it is now. The English landlord's is photographed at desktop size and at a phone's
     * ({@link #shoot}); the Chinese landlord's on its phone, where the page must also pass {@link ChinesePhonePage}
     * with {@code labels} shown in Chinese: its findings are gathered (and logged as they come) and asserted at the end.
     */
    private void look(String step, String... labels) {
        if (!landlord.phone()) {
            shoot(step);
            return;
        }
        chromium.screenshot("landlord-zh-CN-" + step + "-phone");
        List<String> found = pages.findings(step, labels);
        found.forEach(finding -> log.warn("zh-CN phone: {}", finding));
        findings.addAll(found);
    }

    /**
     * The page as it is now, at desktop size and at a 390 x 844 phone's: the same page under Chromium's device
     * emulation, so a step's outcome (a form's answer, a job's counts) is photographed on both without repeating it.
     * On the phone the page must not scroll sideways.
     */
    private void shoot(String step) {
        chromium.screenshot("landlord-" + step + "-desktop");
        ChromeDriver driver = (ChromeDriver) chromium.driver();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
            assertThat(width.intValue()).as("no sideways scrolling on a 390 px phone at step " + step)
                    .isLessThanOrEqualTo(390);
            chromium.screenshot("landlord-" + step + "-phone");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void importFile(WebDriver browser, Path file, int valid, int refused) {
        if (browser.findElements(By.id("import-file")).isEmpty()) {
            chromium.click(By.id("nav-import"));
        }
        chromium.waitFor(By.id("import-file"));
        browser.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        chromium.click(By.id("dry-run"));
        chromium.waitFor(By.id("import-summary"));
        assertThat(chromium.text("import-summary")).isEqualTo(words("landlord.import.summary", valid + refused, valid,
                refused));
    }

    private void runImport(WebDriver browser, int done, int unchanged, int refused) {
        chromium.click(By.id("run-import"));
        chromium.waitFor(By.id("import-status"));
        // the job's page reloads itself every second while it runs: an element read mid-reload is looked up again
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            List<WebElement> status = browser.findElements(By.id("import-status"));
            return !status.isEmpty() && "FINISHED".equals(status.getFirst().getAttribute("data-status"));
        });
        assertThat(chromium.text("import-counts")).isEqualTo(words("landlord.import.counts", done, unchanged, refused,
                0));
    }

    /**
     * The English landlord chooses English on the way in; the Chinese landlord's browser asks for no language, so its
     * pages are Chinese by the tenant's own language setting.
     */
    private void signIn(String base, SignedUpTenants.SignedUp tenant) {
        chromium.signIn(base + (landlord.phone() ? "/ui" : "/ui?lang=en"), tenant.email(), tenant.password());
    }

    private static void clear(WebDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String unit(int i) {
        return "u-%03d".formatted(i);
    }

    private static String meter(String id, int i) {
        return "m-%s-%03d".formatted(id, i);
    }

    private static String account(String id, int i) {
        return "a-%s-%03d".formatted(id, i);
    }

    interface Filler {
        void fill(XSSFSheet sheet);
    }

    private static void header(XSSFSheet sheet, String... names) {
        cells(sheet.createRow(0), (Object[]) names);
    }

    private static void cells(XSSFRow row, Object... values) {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
    }

    private static Path xlsx(String name, Filler filler) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(book.createSheet("import"));
            book.write(out);
            Path file = Path.of("target", "imports", name + ".xlsx");
            Files.createDirectories(file.getParent());
            Files.write(file, out.toByteArray());
            return file;
        }
    }
}
