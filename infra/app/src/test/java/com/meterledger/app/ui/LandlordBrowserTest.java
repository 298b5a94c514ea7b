package com.meterledger.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.gateway.MqttTestGateway;
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
import org.junit.jupiter.api.Test;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's "done when" as one browser test: a new landlord with no data runs its first property from the browser
 * only, never the staff API. It adds the property, imports its 200 units and meters from an XLSX file (dry run, then
 * run), publishes a tiered tariff after its dry run, opens an account by hand (refused in place first) and the other
 * 199 by a second import, sees head office count its active meters with none read yet, registers a gateway (its
 * secret shown once) and attaches a meter, sees the reading the gateway sends up over MQTT arrive and collection
 * completeness move, finds a unit through the top bar's search box, acknowledges a "meter not read" alert with a note
 * after the next day's evaluator pass, and cuts supply over a selection of meters with each meter's outcome. Every
 * step is photographed at desktop size and at a 390 x 844 phone's (the same page under device emulation, which must
 * not scroll sideways), then every page it used is opened on a phone. Screenshots:
 * {@code target/screenshots/landlord-*-{desktop,phone}.png}.
 */
class LandlordBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(LandlordBrowserTest.class);
    private static final int UNITS = 200;

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    EmbeddedMqttBroker broker;
    @Autowired
    AlertEvaluator evaluator;

    private Chromium chromium;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aNewLandlordSetsUpAPropertyOf200UnitsImportsPublishesATariffOpensAccountsSeesAReadingAndCutsABatch()
            throws Exception {
        SignedUpTenants.SignedUp landlord = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        String id = UUID.randomUUID().toString().substring(0, 6);
        String property = "harbour";
        String tariff = "home-" + id;
        String base = "http://127.0.0.1:" + port;
        chromium = Chromium.desktop();
        WebDriver browser = chromium.driver();
        signIn(browser, base, landlord);

        // the property
        chromium.click(By.id("add-property"));
        chromium.waitFor(By.id("propertyId"));
        browser.findElement(By.id("propertyId")).sendKeys(property);
        browser.findElement(By.id("name")).sendKeys("Harbour View");
        browser.findElement(By.id("address")).sendKeys("1 Quay Road");
        chromium.click(By.id("add-property"));
        chromium.waitFor(By.id("unit-form"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Harbour View");

        // 200 units with their meters, from XLSX: dry run, then run
        long started = System.nanoTime();
        Path units = xlsx("units-" + id, sheet -> {
            header(sheet, "property", "unit", "unit_name", "meter", "utility", "serial");
            for (int i = 1; i <= UNITS; i++) {
                cells(sheet.createRow(i), property, unit(i), "Flat " + i, meter(id, i), i % 5 == 0 ? "WATER" : "ELECTRICITY",
                        "SN-" + id + "-" + i);
            }
        });
        importFile(browser, units, UNITS, 0);
        shoot("import-dry-run");
        runImport(browser, UNITS);
        shoot("import-job");
        log.info("Imported {} units with meters through the browser in {} ms", UNITS,
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        // a tiered tariff, dry run first, then published
        chromium.click(By.id("nav-landlord"));
        chromium.waitFor(By.id("tariff-form"));
        browser.findElement(By.id("tariffId")).sendKeys(tariff);
        browser.findElement(By.id("name")).sendKeys("Home electricity");
        clear(browser, "zone", "Asia/Shanghai");
        chromium.click(By.id("create-tariff"));
        chromium.waitFor(By.id("no-versions"));
        new Select(browser.findElement(By.id("kind"))).selectByValue("TIERED");
        browser.findElement(By.id("tiers")).sendKeys("100:52, 200:61, :80");
        clear(browser, "standingChargePerDay", "0");
        assertThat(browser.findElements(By.id("publish"))).as("no publish button before a dry run").isEmpty();
        chromium.click(By.id("dry-run"));
        chromium.waitFor(By.id("dry-run-result"));
        shoot("tariff-dry-run");
        Instant published = Instant.now();
        chromium.click(By.id("publish"));
        chromium.waitFor(By.id("publish-done"));
        // a version published for "now" takes effect 5 s later (never back-dated): accounts open once it is in force
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(published.plusSeconds(6)));
        assertThat(browser.findElement(By.id("versions")).getText()).contains("Tiered per Month", "100:52, 200:61, :80");
        shoot("tariff-published");

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
        shoot("account-refused");
        clear(browser, "openingRegister", "100");
        chromium.click(By.id("open-account"));
        chromium.waitFor(By.id("account-done"));

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
        runImport(browser, UNITS - UNITS / 5);
        assertThat(chromium.text("import-counts")).contains("unchanged 1", "refused " + UNITS / 5);
        shoot("accounts-import-job");
        int active = UNITS - UNITS / 5;

        // head office counts the new property's active meters, none of them read since its opening reading; its
        // figures are a projection of the accounts' events, which may end a few seconds after the job's last batch
        // now that the import's workers no longer wait for each other (the page is opened again until they show)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            chromium.click(By.id("nav-head-office"));
            chromium.waitFor(By.id("ho-" + property));
            assertThat(browser.findElement(By.id("ho-" + property)).getText()).contains("Harbour View",
                    "0 of " + active + " active meters read");
        });
        shoot("head-office-before");

        // a gateway: its secret is shown once; a meter is attached; its reading arrives
        chromium.click(By.id("nav-gateways"));
        chromium.waitFor(By.id("gateway-form"));
        browser.findElement(By.id("gatewayId")).sendKeys("gw-" + id);
        browser.findElement(By.id("propertyId")).sendKeys(property);
        browser.findElement(By.id("name")).sendKeys("Basement concentrator");
        chromium.click(By.id("add-gateway"));
        chromium.waitFor(By.id("gateway-secret"));
        String secret = chromium.text("gateway-secret");
        assertThat(secret).isNotBlank();
        browser.findElement(By.id("attach-meter-gw-" + id)).sendKeys(meter(id, 1));
        chromium.click(By.id("attach-gw-" + id));
        chromium.waitFor(By.id("attach-gw-" + id + "-done"));
        assertThat(browser.getPageSource()).doesNotContain(secret).contains(meter(id, 1));
        shoot("gateways");
        try (MqttTestGateway gateway = new MqttTestGateway(broker.serverUri(), landlord.slug(), "gw-" + id, secret)) {
            gateway.publish("readings", """
                    {"v":1,"batchId":"b-%s","sentAt":"%s","readings":[{"meter":"%s","readAt":"%s","kind":"INTERVAL",
                     "registers":{"total":"112.5"}}]}""".formatted(id, Instant.now(), meter(id, 1),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            JsonNode result = gateway.nextResult();
            assertThat(result.get("accepted").asInt()).as(result.toString()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.get(base + "/ui/properties/" + property + "/meters");
            assertThat(browser.findElement(By.tagName("tbody")).getText()).contains(meter(id, 1) + " Flat 1")
                    .contains("112.5");
        });
        shoot("meters-reading");

        // collection completeness moved: the gateway's meter is read
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.get(base + "/ui/head-office");
            assertThat(browser.findElement(By.id("ho-" + property)).getText())
                    .contains("1 of " + active + " active meters read", "0.6%");
        });
        shoot("head-office-after");

        // a unit found through the top bar's search box, by its name
        chromium.waitFor(By.id("top-search-q"));
        browser.findElement(By.id("top-search-q")).sendKeys("Flat 17" + Keys.ENTER);
        chromium.waitFor(By.id("search-hits"));
        assertThat(browser.findElement(By.id("search-hits")).getText()).contains(unit(17), "Flat 17");
        shoot("search");
        chromium.click(By.linkText(unit(17)));
        chromium.waitFor(By.id("list-table"));
        assertThat(browser.findElement(By.id("list-table")).getText()).contains(account(id, 17));
        shoot("search-unit");

        // the next day's evaluator pass (the scheduler's, run here at that moment): the unread meters are alerts;
        // one of them is acknowledged with a note in the inbox
        evaluator.evaluate(new TenantId(landlord.slug()), Instant.now().plus(Duration.ofHours(25)));
        chromium.click(By.id("nav-alerts"));
        chromium.waitFor(By.id("alert-filters"));
        chromium.click(By.linkText("Open"));
        chromium.waitFor(By.cssSelector("li.alert-card.OPEN"));
        WebElement card = browser.findElements(By.cssSelector("li.alert-card.OPEN")).stream()
                .filter(alert -> alert.getText().contains("Meter not read")).findFirst().orElseThrow();
        String alertId = card.getAttribute("id").substring("alert-".length());
        assertThat(card.getText()).contains("Hours without a reading", "25", "Open")
                // the last reading on the tenant's clock, as every moment on the page, not as an ISO instant
                .contains("Last reading").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} Asia/Shanghai")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
        shoot("alerts-open");
        browser.findElement(By.id("note-" + alertId)).sendKeys("Caretaker checks the meter box at 9");
        chromium.click(By.cssSelector("#alert-" + alertId.replace(".", "\\.") + " form.acknowledge button"));
        chromium.waitFor(By.id("alert-acknowledged"));
        chromium.click(By.linkText("Acknowledged"));
        chromium.waitFor(By.id("alert-" + alertId));
        assertThat(chromium.text("alert-" + alertId)).contains("Acknowledged", "Caretaker checks the meter box at 9");
        shoot("alert-acknowledged");
        browser.get(base + "/ui/properties/" + property + "/meters");
        chromium.waitFor(By.tagName("tbody"));

        // a batch cut over a selection, each meter with its outcome
        chromium.click(By.id("tab-supply"));
        chromium.waitFor(By.id("batch-form"));
        for (int i = 1; i <= 3; i++) {
            chromium.click(By.id("pick-" + meter(id, i)));
        }
        new Select(browser.findElement(By.id("action"))).selectByValue("CUT");
        browser.findElement(By.id("reason")).sendKeys("Wiring work on floor 1");
        chromium.click(By.id("apply-batch"));
        chromium.waitFor(By.id("batch-outcomes"));
        for (int i = 1; i <= 3; i++) {
            assertThat(chromium.text("outcome-" + meter(id, i))).contains(meter(id, i), "Done");
        }
        shoot("batch-cut");

        // every page of the day fits a phone
        chromium.close();
        chromium = Chromium.phone();
        WebDriver phone = chromium.driver();
        signIn(phone, base, landlord);
        List<String> pages = List.of("/ui", "/ui/properties/new", "/ui/properties/" + property + "/setup",
                "/ui/properties/" + property + "/supply", "/ui/properties/" + property + "/meters",
                "/ui/properties/" + property + "/accounts", "/ui/properties/" + property,
                "/ui/properties/" + property + "/report", "/ui/tariffs", "/ui/tariffs/" + tariff, "/ui/gateways/manage", "/ui/gateways",
                "/ui/imports", "/ui/accounts/" + account(id, 1), "/ui/accounts/" + account(id, 1) + "/manage",
                "/ui/settings", "/ui/audit", "/ui/finance/reconciliation", "/ui/head-office", "/ui/alerts",
                "/ui/search?q=Flat+17");
        for (String page : pages) {
            phone.get(base + page);
            chromium.waitFor(By.tagName("main"));
            List<?> widths = (List<?>) ((JavascriptExecutor) phone).executeScript(
                    "const top = document.querySelector('header.top');"
                    + " return [document.documentElement.scrollWidth, top.scrollWidth, top.clientWidth];");
            assertThat(((Number) widths.get(0)).intValue()).as("no sideways scrolling on a 390 px phone at " + page)
                    .isLessThanOrEqualTo(390);
            assertThat(((Number) widths.get(1)).intValue()).as("the top bar within itself at " + page)
                    .isLessThanOrEqualTo(((Number) widths.get(2)).intValue());
        }
        phone.get(base + "/ui/properties/" + property + "/supply");
        chromium.screenshot("landlord-batch-phone");
        phone.get(base + "/ui/tariffs/" + tariff);
        chromium.screenshot("landlord-tariff-phone");
        phone.get(base + "/ui/accounts/" + account(id, 1) + "/manage");
        chromium.screenshot("landlord-account-manage-phone");
        phone.get(base + "/ui/imports");
        chromium.screenshot("landlord-import-phone");
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
        assertThat(chromium.text("import-summary")).contains(valid + " can be imported", refused + " refused");
    }

    private void runImport(WebDriver browser, int valid) {
        chromium.click(By.id("run-import"));
        chromium.waitFor(By.id("import-status"));
        // the job's page reloads itself every second while it runs: an element read mid-reload is looked up again
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            List<WebElement> status = browser.findElements(By.id("import-status"));
            return !status.isEmpty() && "FINISHED".equals(status.getFirst().getAttribute("data-status"));
        });
        assertThat(chromium.text("import-counts")).contains("failed 0");
        assertThat(valid).isPositive();
    }

    private void signIn(WebDriver browser, String base, SignedUpTenants.SignedUp landlord) {
        browser.get(base + "/ui?lang=en");
        chromium.waitFor(By.name("username"));
        browser.findElement(By.name("username")).sendKeys(landlord.email());
        browser.findElement(By.name("password")).sendKeys(landlord.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitFor(By.id("signed-in-as"));
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
