package com.meterledger.app.ui;

import com.meterledger.api.account.AccountState;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.core.payment.web.OfflinePayments;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport;
import com.meterledger.query.alert.AlertKind;
import com.meterledger.query.alert.AlertState;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text a person reads exists in English and in zh-CN: the two bundles have the same keys, every key a template
 * or a page's controller names is in them, and the keys a template builds from a code ({@code 'standing.' + ...})
 * exist for every value of that code. A missing key would show as {@code ??key_zh_CN??} on a page; this test fails
 * first, naming it. It reads the bundles and templates as the application does (the classpath) and the controllers'
 * sources beside this module.
 */
class MessageKeysTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][\\w.\\-]*)");
    private static final Pattern TEMPLATE_PREFIX = Pattern.compile("#\\{\\$\\{'([\\w.\\-]+)'\\s*\\+");
    /** A string literal shaped like a key (dotted words, not ending in a dot, which builds one from a code). */
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z][\\w\\-]*(?:\\.[\\w\\-]+)+)\"");
    /** The sign-up pages name their texts without their {@code front.} prefix. */
    private static final Pattern SIGN_UP_TEXT = Pattern.compile(
            "(?<![.\\w])text\\(\"([a-z][\\w\\-]*(?:\\.[\\w\\-]+)*)\"");
    private static final Pattern JAVA_REFUSAL = Pattern.compile("refusal\\(HttpStatus\\.\\w+,\\s*\"([\\w\\-]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    private static final Path WEB_UI_SOURCES = Path.of("..", "web-ui", "src", "main", "java");

    /** The values each code a template turns into a key can take. */
    private static final Map<String, List<String>> CODES = Map.ofEntries(
            Map.entry("utility.", names(Utility.values())),
            Map.entry("standing.", names(AccountState.Standing.values())),
            Map.entry("supply.", names(AccountState.Position.values())),
            Map.entry("command.", names(SupplyAction.values())),
            Map.entry("channel.", names(OccupantChannel.values())),
            Map.entry("method.", names(OfflinePayments.Method.values())),
            Map.entry("outcome.", names(ReconciliationReport.Outcome.values())),
            Map.entry("download.value.kind.", names(ReconciliationReport.Kind.values())),
            // the kinds of the account's ledger lines (query-side's account projection writes them)
            Map.entry("ledger.", List.of("CHARGE", "CREDIT", "ADJUSTMENT", "REFUND", "DEBT_RECOVERED",
                    "EMERGENCY_CREDIT", "EMERGENCY_CREDIT_REPAID", "TRANSFER_IN", "TRANSFER_OUT")),
            // alerts inbox (issue 18): states, kinds by their code, and the kinds of thing an alert is about
            Map.entry("alert.state.", names(AlertState.values())),
            Map.entry("alert.kind.", Arrays.stream(AlertKind.values()).map(AlertKind::code).toList()),
            Map.entry("noun.", Arrays.stream(AlertKind.values()).map(AlertKind::subjectType).distinct().toList()),
            // people (issue 16): the roles a person may hold and a membership's states (ui/people.html)
            Map.entry("role.", List.of("TENANT_ADMIN", "PROPERTY_MANAGER", "FINANCE", "AUDITOR")),
            Map.entry("person-state.", List.of("INVITED", "ACTIVE", "DEACTIVATED")),
            // the platform's operators (issue 16): the changes their page lists (ui/platform-operators.html)
            Map.entry("operators.change.", PlatformPeople.CHANGES),
            // portal: the occupant portal's tariff shapes and the ledger lines it lists (pay/page.html)
            Map.entry("portal.tariff.kind.", List.of("FLAT", "TIERED", "TIME_OF_USE")),
            Map.entry("portal.movement.", List.of("CREDIT", "REFUND")),
            Map.entry("portal.method.", List.of("CARD", "WECHAT_PAY", "ALIPAY")),
            // channels: how an online top-up was paid, on the staff's account page (ui/account.html)
            Map.entry("method.ONLINE_", names(com.meterledger.api.payment.PaymentMethod.values())),
            // the sign-up form's fields (signup/form.html)
            Map.entry("front.field.", List.of("organisationName", "slug", "country", "currency", "timeZone",
                    "language", "administratorName", "administratorEmail")),
            // landlord: the landlord's forms and the bulk import
            Map.entry("landlord.adjustment.", List.of("APPLIED", "AWAITING_APPROVAL", "REJECTED")),
            Map.entry("landlord.outcome.", List.of("DONE", "NOT_FOUND", "REFUSED", "UNCHANGED", "FAILED")),
            Map.entry("landlord.batch.", names(com.meterledger.core.supply.web.SupplyController.BatchAction.values())),
            Map.entry("landlord.tariff.period.", names(com.meterledger.api.tariff.BillingPeriod.values())),
            Map.entry("landlord.settlement.", names(com.meterledger.api.account.Settlement.values())),
            Map.entry("landlord.import.status.", names(com.meterledger.ui.imports.ImportJobs.Status.values())),
            Map.entry("landlord.import.step.", names(com.meterledger.ui.imports.ImportPlan.Step.values())),
            // why a control command missed (query-side's dashboard-projection: dashboard_command_miss.reason)
            Map.entry("headoffice.reason.", List.of("failed", "timed-out")),
            // adjustment approval queue (walk): the queue's states, a decided row's and a decision's outcome
            Map.entry("adjustments.state.", com.meterledger.query.adjustment.AdjustmentQueue.STATES),
            Map.entry("adjustments.none.", com.meterledger.query.adjustment.AdjustmentQueue.STATES),
            Map.entry("adjustments.decided.", List.of("APPROVED", "REJECTED")),
            Map.entry("adjustments.done.", List.of("APPLIED", "REJECTED")),
            // remembered phones (issue 17 item 2): a phone's kind and browser, and why it ended
            Map.entry("device.platform.",
                    names(com.meterledger.tenantadmin.occupantlink.DeviceLabel.Platform.values())),
            Map.entry("device.browser.",
                    names(com.meterledger.tenantadmin.occupantlink.DeviceLabel.Browser.values())),
            Map.entry("account.devices.ended.",
                    names(com.meterledger.api.occupantlink.RememberedDeviceEnding.values())));

    @Test
    void theEnglishAndTheChineseBundlesHaveTheSameKeysAndNoEmptyText() {
        Properties english = bundle("messages.properties");
        Properties chinese = bundle("messages_zh_CN.properties");

        assertThat(new TreeSet<>(chinese.stringPropertyNames())).as("keys missing in zh-CN")
                .containsAll(english.stringPropertyNames());
        assertThat(new TreeSet<>(english.stringPropertyNames())).as("keys missing in English")
                .containsAll(chinese.stringPropertyNames());
        assertThat(blank(english)).as("empty English texts").isEmpty();
        assertThat(blank(chinese)).as("empty Chinese texts").isEmpty();
    }

    /** A key written twice keeps only its last text, silently: two branches merged with one key each did that. */
    @Test
    void noBundleWritesAKeyTwice() {
        for (String name : List.of("messages.properties", "messages_zh_CN.properties")) {
            Set<String> keys = new java.util.HashSet<>();
            List<String> twice = new ArrayList<>();
            try (InputStream in = MessageKeysTest.class.getClassLoader().getResourceAsStream(name)) {
                assertThat(in).as(name + " on the classpath").isNotNull();
                new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith(" ")
                                && line.contains("="))
                        .map(line -> line.substring(0, line.indexOf('=')).strip())
                        .filter(key -> !keys.add(key))
                        .forEach(twice::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(twice).as("keys written twice in " + name).isEmpty();
        }
    }

    @Test
    void everyKeyATemplateNamesIsInBothBundles() {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        Set<String> chinese = bundle("messages_zh_CN.properties").stringPropertyNames();
        Map<String, String> used = new TreeMap<>();
        for (Resource template : templates()) {
            String html = read(template);
            collect(TEMPLATE_KEY.matcher(html), template.getFilename(), used);
            Matcher prefixes = TEMPLATE_PREFIX.matcher(html);
            while (prefixes.find()) {
                String prefix = prefixes.group(1);
                assertThat(CODES).as("%s builds keys from '%s' + a code: this test must know the code's values",
                        template.getFilename(), prefix).containsKey(prefix);
                CODES.get(prefix).forEach(value -> used.put(prefix + value, template.getFilename()));
            }
        }

        assertThat(used).as("templates found").hasSizeGreaterThan(200);
        assertThat(missing(used, english)).as("keys named by templates, missing in English").isEmpty();
        assertThat(missing(used, chinese)).as("keys named by templates, missing in zh-CN").isEmpty();
    }

    @Test
    void everyKeyAPageControllerNamesIsInBothBundles() throws IOException {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        Set<String> chinese = bundle("messages_zh_CN.properties").stringPropertyNames();
        Set<String> namespaces = new TreeSet<>();
        english.forEach(key -> namespaces.add(key.substring(0, key.indexOf('.'))));
        Map<String, String> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(WEB_UI_SOURCES)) {
            for (Path source : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                String java = Files.readString(source);
                String name = source.getFileName().toString();
                Matcher literals = JAVA_LITERAL.matcher(java);
                while (literals.find()) {
                    // a literal in one of the bundles' namespaces (problem., pay., settings. ...) is a key
                    if (namespaces.contains(literals.group(1).substring(0, literals.group(1).indexOf('.')))) {
                        used.put(literals.group(1), name);
                    }
                }
                if (name.equals("SignUpPages.java")) {
                    Matcher texts = SIGN_UP_TEXT.matcher(java);
                    while (texts.find()) {
                        used.put("front." + texts.group(1), name);
                    }
                }
                Matcher refusals = JAVA_REFUSAL.matcher(java);
                while (refusals.find()) {
                    used.put("pay.refused." + refusals.group(1) + ".title", name);
                    used.put("pay.refused." + refusals.group(1) + ".reason", name);
                }
            }
        }

        assertThat(used).as("keys found in the page controllers").containsKeys("problem.forbidden.title",
                "pay.refused.link.reason", "front.sent.body", "chart.today");
        assertThat(missing(used, english)).as("keys named by controllers, missing in English").isEmpty();
        assertThat(missing(used, chinese)).as("keys named by controllers, missing in zh-CN").isEmpty();
    }

    /** access (issue 16): the audit trail words every access event in both languages ({@code AccessSummaries}). */
    @Test
    void everyAccessEventOfTheAuditTrailHasItsNameAndItsSummaryInBothBundles() {
        Map<String, String> used = new TreeMap<>();
        com.meterledger.ui.staff.AccessSummaries.ARGUMENTS.keySet().forEach(type -> {
            used.put("audit.event." + type, "AccessSummaries");
            used.put("audit.summary." + type, "AccessSummaries");
        });

        assertThat(used).hasSizeGreaterThanOrEqualTo(22);
        assertThat(missing(used, bundle("messages.properties").stringPropertyNames())).isEmpty();
        assertThat(missing(used, bundle("messages_zh_CN.properties").stringPropertyNames())).isEmpty();
    }

    /**
     * A text with arguments goes through {@code MessageFormat}, where a lone apostrophe starts a quotation and swallows
     * the rest of the text, placeholders included: it must be written twice.
     */
    @Test
    void aTextWithArgumentsWritesItsApostrophesTwice() {
        for (String file : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties texts = bundle(file);
            List<String> broken = texts.stringPropertyNames().stream().sorted()
                    .filter(key -> PLACEHOLDER.matcher(texts.getProperty(key)).find()
                            && LONE_APOSTROPHE.matcher(texts.getProperty(key)).find())
                    .toList();
            assertThat(broken).as(file).isEmpty();
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static void collect(Matcher keys, String where, Map<String, String> used) {
        while (keys.find()) {
            used.put(keys.group(1), where);
        }
    }

    private static List<String> missing(Map<String, String> used, Set<String> bundle) {
        List<String> missing = new ArrayList<>();
        used.forEach((key, where) -> {
            if (!bundle.contains(key)) {
                missing.add(key + " (" + where + ")");
            }
        });
        return missing;
    }

    private static List<String> blank(Properties texts) {
        return texts.stringPropertyNames().stream().filter(key -> texts.getProperty(key).isBlank()).sorted().toList();
    }

    private static Properties bundle(String name) {
        Properties texts = new Properties();
        try (InputStream in = MessageKeysTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static List<Resource> templates() {
        try {
            return List.of(new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
