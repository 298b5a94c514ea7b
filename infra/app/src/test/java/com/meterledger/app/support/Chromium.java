package com.meterledger.app.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser or driver download), in a throw-away
 * profile, at a desktop or a phone's window size. Without chromium the browser tests fail, never skip:
 * {@code .ci/run} installs it. Screenshots go to {@code target/screenshots} for a person to look at.
 */
public final class Chromium implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("meterledger.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("meterledger.chromedriver", "/usr/bin/chromedriver");
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final WebDriver browser;
    private final Path profile;

    private Chromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    public static Chromium desktop() {
        return start(1280, 1000, false, null);
    }

    /** A desktop browser whose person reads {@code language} first ({@code Accept-Language}), such as zh-CN. */
    public static Chromium desktop(String language) {
        return start(1280, 1000, false, language);
    }

    /** The size of a common phone's viewport, as the occupants who pay from a text message see a page. */
    public static Chromium phone() {
        return start(390, 844, true, null);
    }

    public static Chromium phone(String language) {
        return start(390, 844, true, language);
    }

    private static Chromium start(int width, int height, boolean mobile, String language) {
        assertThat(new File(CHROMIUM).canExecute())
                .as("Debian's chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("Debian's chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)").isTrue();
        try {
            Path profile = Files.createTempDirectory("meterledger-chromium-");
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            if (language != null) {
                options.addArguments("--lang=" + language);
                options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            }
            if (mobile) {
                // a headless window is never narrower than 500 px: a phone's viewport needs device emulation
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Chromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return browser;
    }

    public void open(String url) {
        browser.get(url);
    }

    public void waitFor(By element) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Opens a staff page, signs in at the issuer's login page it leads to, and waits for the page that names who is
     * signed in: the browser tests' one way in. */
    public void signIn(String url, String email, String password) {
        open(url);
        waitFor(By.name("username"));
        submitLogin(email, password);
        waitFor(By.id("signed-in-as"));
    }

    /** At the issuer's login page: types the address and the password and submits them. */
    public void submitLogin(String email, String password) {
        browser.findElement(By.name("username")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The element's text now. */
    public String text(String elementId) {
        return fresh(() -> browser.findElement(By.id(elementId)).getText().trim());
    }

    public void click(By element) {
        fresh(() -> {
            browser.findElement(element).click();
            return null;
        });
    }

    /**
     * Live pages (server-sent events) swap fragments in at any moment, so an element found a moment ago may be gone
     * before it is read or clicked: it is looked up again, as a person's eyes would.
     */
    private <T> T fresh(Supplier<T> action) {
        StaleElementReferenceException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return action.get();
            } catch (StaleElementReferenceException replaced) {
                last = replaced;
            }
        }
        throw last;
    }

    /** What the page's console said (CSP refusals, script errors): the first thing to read when a click did nothing. */
    public String console() {
        StringBuilder lines = new StringBuilder();
        browser.manage().logs().get(LogType.BROWSER).forEach(entry -> lines.append(entry.getLevel()).append(' ')
                .append(entry.getMessage()).append('\n'));
        return lines.toString();
    }

    /** The page as it looks now, as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The serious and critical accessibility violations axe-core finds on the page as it is now, one line each (rule,
     * help, where). axe-core is the test resource {@code axe/axe.min.js} (npm {@code axe-core}, MPL-2.0, unmodified,
     * see {@code axe/NOTICE.md}); it is injected through the driver, so the page's Content-Security-Policy, which
     * allows no foreign script, stays as it is.
     */
    public List<String> seriousAccessibilityViolations() {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe !== 'undefined';"))) {
            page.executeScript(AXE.get());
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object found = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(results => done(results.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                                + v.nodes.map(n => n.target.join(' ')).join(', '))))
                    .catch(error => done(['axe-core failed: ' + error]));""");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    private static final Supplier<String> AXE = new Supplier<>() {
        private volatile String source;

        @Override
        public String get() {
            if (source == null) {
                try (var in = Chromium.class.getResourceAsStream("/axe/axe.min.js")) {
                    assertThat(in).as("axe-core at test resource axe/axe.min.js").isNotNull();
                    source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return source;
        }
    };

    @Override
    public void close() {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
