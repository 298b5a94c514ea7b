package com.meterledger.app.web;

import com.meterledger.api.meter.RejectionReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * Every rule the main code refuses with has its words in both bundles ({@code problem.rule.<code>}, read by
 * {@code ProblemWords} for problems and {@code PageTexts} for pages): without one a Chinese reader gets the English
 * detail. The codes are found in the sources of every module, where they are written: the rule given to a
 * {@code RuleViolation}, {@code FieldRejected} or {@code FieldRuleViolation} (and a subclass's {@code super}), a
 * verdict's {@code Refused}/{@code Refusal}, a problem's {@code "rule"} property and a rule worded by name; a constant
 * is followed to its value, a method's parameter to the method's calls in its file, a reading's rejection to every
 * {@link RejectionReason}. A rule that covers several reasons names the specific one with {@code Reason.of(code, ...)},
 * whose code is a text of its own in both bundles, with its own figures. A rule given in a form this test cannot
 * follow fails it, naming the place, so that no code escapes by being computed.
 * <p>
 * A rule's figures (the limit exceeded, the value given: {@code RuleViolation.figures()}) fill its texts'
 * placeholders; a translated text without them would lose the very limit the reader must keep to. So every place
 * that throws a rule passes the same number of figures, and both texts place exactly those.
 * <p>
 * A scan of the sources rather than of the bytecode: the rule's code is an argument, and a constant's value is inlined
 * into the bytecode without its name, so the sources say more. It reads about 700 files; the time it took is logged
 * (about 3 s on this 2-core machine under a load average near 40, with the bundles).
 */
class RuleTextsTest {
    private static final Logger log = LoggerFactory.getLogger(RuleTextsTest.class);
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Pattern CONSTANT = Pattern.compile("\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*;");
    /** Where a rule is thrown: the rule is the first argument of a RuleViolation, the second of the two others. */
    private static final Pattern THROWN = Pattern.compile(
            "\\bnew\\s+(?:[\\w.]+\\.)?(RuleViolation|FieldRejected|FieldRuleViolation)\\s*\\(");
    private static final Pattern VERDICT = Pattern.compile("\\bnew\\s+(?:[\\w.]+\\.)?(Refused|Refusal)\\s*\\(");
    private static final Pattern SUPER = Pattern.compile("\\bsuper\\s*\\(");
    private static final Pattern SUBCLASS = Pattern.compile(
            "extends\\s+(?:[\\w.]+\\.)?(RuleViolation|FieldRejected|FieldRuleViolation)\\b");
    /** A specific reason under a broader rule: its code first, its English words, then its figures. */
    private static final Pattern REASON = Pattern.compile("\\bReason\\.of\\s*\\(");
    private static final Pattern WORDED = Pattern.compile("\\b(?:words|texts)\\.rule\\s*\\(");
    private static final Pattern PROPERTY = Pattern.compile("\\.setProperty\\s*\\(\\s*\"rule\"\\s*,");
    /** A rule's code: lower-case words joined by hyphens (one code, the payment reversal's, has a space). */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(?:[- ][a-z0-9]+)+");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern QUALIFIED = Pattern.compile("(?:[\\w.]+\\.)?([A-Z]\\w*)\\.([A-Z][A-Z0-9_]*)");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z]\\w*");
    /** A rule carried by what refused (a verdict, a caught exception): its code is collected where it was made. */
    private static final Pattern CARRIED = Pattern.compile("\\w+(?:\\(\\))?\\.rule\\(\\)");
    /** {@code "final-reading-" + ... .reason().name().toLowerCase().replace('_', '-')}: a reading's rejection. */
    private static final Pattern REJECTION = Pattern.compile(
            "\"([a-z-]+)\"\\s*\\+\\s*[\\w.()]*reason\\(\\)\\.name\\(\\)\\.toLowerCase\\(\\)\\.replace\\('_',\\s*'-'\\)");
    private static final Pattern REJECTION_NAME = Pattern.compile("[\\w.()]*reason\\(\\)\\.name\\(\\)");
    private static final Pattern DECLARATION = Pattern.compile(
            "(?:public|protected|private|static|final|\\s)+[\\w<>\\[\\],.? ]*?\\b(\\w+)\\s*\\(([^()]*)\\)\\s*"
                    + "(?:throws[^{;]*)?\\{");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private static final Map<String, String> CODES = new TreeMap<>();
    /** For each code thrown directly, the number of figures each place gives it. */
    private static final Map<String, Set<Integer>> FIGURES = new TreeMap<>();
    private static final List<String> UNFOLLOWED = new ArrayList<>();
    private static Properties english;
    private static Properties chinese;

    @BeforeAll
    static void scanTheMainSourcesOfEveryModule() throws IOException {
        long began = System.nanoTime();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/node_modules/"))
                    .toList();
        }
        Map<String, String> constants = new HashMap<>();
        Map<Path, String> texts = new HashMap<>();
        for (Path source : sources) {
            String java = Files.readString(source);
            texts.put(source, java);
            Matcher constant = CONSTANT.matcher(java);
            while (constant.find()) {
                constants.put(className(source) + "." + constant.group(1), constant.group(2));
            }
        }
        for (Path source : sources) {
            new Scan(source, texts.get(source), constants, texts).run();
        }
        english = bundle("messages.properties");
        chinese = bundle("messages_zh_CN.properties");
        log.info("scanned {} main source files for rules: {} codes in {} ms", sources.size(), CODES.size(),
                (System.nanoTime() - began) / 1_000_000);
    }

    @Test
    void givenTheMainSources_whenTheirRulesAreCollected_thenEveryOneIsFollowedToItsCode() {
        assertThat(UNFOLLOWED).as("rules given in a form this test cannot follow to a code: write the code as a "
                + "literal or a constant, or teach this test the form").isEmpty();
        assertThat(CODES).as("rules found").hasSizeGreaterThan(150)
                .containsKeys("payment-amount-out-of-limits", "plan-meter-limit-reached", "text-too-long",
                        "tenant-slug-malformed", "person-last-administrator", "final-reading-out-of-order",
                        "top-up-out-of-range");
    }

    @Test
    void givenRulesThatCoverSeveralReasons_whenTheirReasonsAreCollected_thenEachSpecificReasonIsACodeWithItsFigures() {
        assertThat(CODES).containsKeys("tenant-settings-invalid", "settings-zone-required",
                "settings-approval-limit-out-of-range", "alert-settings-invalid", "alert-threshold-out-of-range",
                "invalid-field", "field-size-out-of-range", "field-blank", "friendly-holidays-too-many",
                "payment-preset-out-of-place", "channels-occupant-webhook", "reading-register-below-latest",
                "reading-registers-not-the-total", "REGISTER_WENT_BACKWARDS");
        assertThat(FIGURES.get("alert-threshold-out-of-range")).containsExactly(3);
        assertThat(FIGURES.get("reading-register-below-latest")).containsExactly(2);
        assertThat(FIGURES.get("reading-consumption-implausible")).containsExactly(3);
        assertThat(FIGURES.get("field-size-out-of-range")).containsExactly(2);
        assertThat(FIGURES.get("tenant-settings-invalid")).as("the figures are the reasons'").containsExactly(0);
    }

    @Test
    void givenEveryRuleTheCodeRefusesWith_whenABundleIsAsked_thenBothLanguagesHaveItsText() {
        List<String> missingInEnglish = new ArrayList<>();
        List<String> missingInChinese = new ArrayList<>();
        CODES.forEach((code, where) -> {
            if (english.getProperty("problem.rule." + code) == null) {
                missingInEnglish.add(code + " (" + where + ")");
            }
            if (chinese.getProperty("problem.rule." + code) == null) {
                missingInChinese.add(code + " (" + where + ")");
            }
        });

        assertThat(missingInEnglish).as("rules without an English text in messages.properties").isEmpty();
        assertThat(missingInChinese).as("rules without a Chinese text in messages_zh_CN.properties").isEmpty();
    }

    @Test
    void givenARuleThrownWithFigures_whenItsTextsAreRead_thenBothPlaceEveryFigure_andEveryPlaceGivesAsMany() {
        List<String> broken = new ArrayList<>();
        FIGURES.forEach((code, counts) -> {
            if (counts.size() > 1) {
                broken.add(code + ": its places give different numbers of figures " + counts);
                return;
            }
            int figures = counts.iterator().next();
            for (Properties bundle : List.of(english, chinese)) {
                String text = bundle.getProperty("problem.rule." + code);
                if (text != null && !placeholders(text).equals(range(figures))) {
                    broken.add(code + ": thrown with " + figures + " figures, but the text places "
                            + placeholders(text) + ": " + text);
                }
            }
        });

        assertThat(FIGURES).as("rules thrown with figures").containsKeys("payment-amount-out-of-limits",
                "plan-meter-limit-reached", "list-size-out-of-range");
        assertThat(FIGURES.get("payment-amount-out-of-limits")).containsExactly(3);
        assertThat(broken).isEmpty();
    }

    private static Set<Integer> placeholders(String text) {
        Set<Integer> found = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            found.add(Integer.parseInt(placeholder.group(1)));
        }
        return found;
    }

    private static Set<Integer> range(int figures) {
        Set<Integer> indexes = new TreeSet<>();
        for (int i = 0; i < figures; i++) {
            indexes.add(i);
        }
        return indexes;
    }

    private static String className(Path source) {
        String name = source.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    private static Properties bundle(String name) {
        Properties texts = new Properties();
        try (InputStream in = RuleTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** One source file's rules. */
    private record Scan(Path source, String java, Map<String, String> constants, Map<Path, String> sources) {
        void run() {
            String where = source.getFileName().toString();
            Matcher thrown = THROWN.matcher(java);
            while (thrown.find()) {
                int position = thrown.group(1).equals("RuleViolation") ? 0 : 1;
                given(arguments(thrown.end()), position, thrown.start(), where, true);
            }
            Matcher subclass = SUBCLASS.matcher(java);
            if (subclass.find()) {
                int position = subclass.group(1).equals("RuleViolation") ? 0 : 1;
                Matcher call = SUPER.matcher(java);
                while (call.find()) {
                    given(arguments(call.end()), position, call.start(), where, true);
                }
            }
            Matcher reason = REASON.matcher(java);
            while (reason.find()) {
                given(arguments(reason.end()), 0, reason.start(), where, true);
            }
            Matcher worded = WORDED.matcher(java);
            while (worded.find()) {
                List<String> arguments = arguments(worded.end());
                if (arguments.size() > 1) {
                    // words.rule(e) carries the exception's rule, collected where it was thrown
                    given(arguments, 0, worded.start(), where, false);
                }
            }
            Matcher property = PROPERTY.matcher(java);
            while (property.find()) {
                given(arguments(property.end()), 0, property.start(), where, false);
            }
            Matcher verdict = VERDICT.matcher(java);
            while (verdict.find()) {
                for (String argument : arguments(verdict.end())) {
                    String value = constant(argument);
                    if (value != null && value.contains("-") && CODE.matcher(value).matches()) {
                        CODES.putIfAbsent(value, where);
                    }
                }
            }
        }

        /** The rule at {@code position} of a call's {@code arguments}; the ones after the detail are its figures. */
        private void given(List<String> arguments, int position, int at, String where, boolean thrown) {
            if (arguments.size() <= position) {
                return;
            }
            List<String> codes = codes(arguments.get(position), at, where);
            if (codes == null) {
                UNFOLLOWED.add(where + ": " + arguments.get(position));
                return;
            }
            for (String code : codes) {
                CODES.putIfAbsent(code, where);
                if (thrown) {
                    FIGURES.computeIfAbsent(code, c -> new TreeSet<>()).add(arguments.size() - position - 2);
                }
            }
        }

        /** The codes an argument stands for; empty when it carries a rule collected elsewhere; null when unknown. */
        private List<String> codes(String argument, int at, String where) {
            if (argument.equals("null")) {
                return List.of();
            }
            String value = constant(argument);
            if (value != null) {
                return CODE.matcher(value).matches() ? List.of(value) : null;
            }
            if (CARRIED.matcher(argument).matches()) {
                return List.of();
            }
            Matcher rejection = REJECTION.matcher(argument);
            if (rejection.matches()) {
                return Arrays.stream(RejectionReason.values())
                        .map(reason -> rejection.group(1) + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList();
            }
            if (REJECTION_NAME.matcher(argument).matches()) {
                return Arrays.stream(RejectionReason.values()).map(Enum::name).toList();
            }
            int question = argument.indexOf('?');
            int colon = argument.lastIndexOf(':');
            if (question > 0 && colon > question) {
                List<String> either = codes(argument.substring(question + 1, colon).strip(), at, where);
                List<String> or = codes(argument.substring(colon + 1).strip(), at, where);
                return either == null || or == null ? null : Stream.concat(either.stream(), or.stream()).toList();
            }
            if (IDENTIFIER.matcher(argument).matches()) {
                return parameter(argument, at, where);
            }
            return null;
        }

        /**
         * A parameter of the method around {@code at}: the codes its calls give it, in this file and, called by its
         * class's name, in the others (only calls with as many arguments, so that an overload's are not taken). A
         * public constructor's parameter (an exception's own) is given by calls elsewhere, which are scanned there.
         */
        private List<String> parameter(String name, int at, String where) {
            Matcher declaration = DECLARATION.matcher(java);
            String method = null;
            int index = -1;
            int start = 0;
            List<String> declared = List.of();
            while (declaration.find() && declaration.start() < at) {
                List<String> parameters = split(declaration.group(2));
                for (int i = 0; i < parameters.size(); i++) {
                    String[] words = parameters.get(i).strip().split("\\s+");
                    if (words[words.length - 1].equals(name)) {
                        method = declaration.group(1);
                        index = i;
                        start = declaration.start();
                        declared = parameters;
                    }
                }
            }
            if (method == null) {
                return null;
            }
            if (method.equals(className(source))) {
                return List.of();
            }
            boolean varargs = declared.getLast().contains("...");
            List<String> codes = new ArrayList<>();
            int calls = 0;
            Pattern here = Pattern.compile("(?<![\\w.])" + Pattern.quote(method) + "\\s*\\(");
            Pattern elsewhere = Pattern.compile("\\b" + Pattern.quote(className(source)) + "\\s*\\.\\s*"
                    + Pattern.quote(method) + "\\s*\\(");
            Map<Path, Pattern> callers = new HashMap<>();
            for (Path file : sources.keySet()) {
                callers.put(file, file.equals(source) ? here : elsewhere);
            }
            for (Map.Entry<Path, Pattern> caller : callers.entrySet()) {
                Scan scan = new Scan(caller.getKey(), sources.get(caller.getKey()), constants, sources);
                Matcher call = caller.getValue().matcher(scan.java());
                while (call.find()) {
                    List<String> arguments = scan.arguments(call.end());
                    boolean self = caller.getKey().equals(source) && call.start() >= start && call.start() < at;
                    boolean fits = varargs ? arguments.size() >= declared.size() - 1
                            : arguments.size() == declared.size();
                    if (self || !fits || arguments.size() <= index
                            || arguments.get(index).matches("[\\w<>\\[\\].]+\\s+\\w+")) {
                        continue;
                    }
                    List<String> given = scan.codes(arguments.get(index), call.start(), where);
                    if (given == null) {
                        return null;
                    }
                    codes.addAll(given);
                    calls++;
                }
            }
            return calls == 0 ? null : codes;
        }

        /** The value of a literal or a constant (this file's, or another class's by its simple name); else null. */
        private String constant(String argument) {
            Matcher literal = LITERAL.matcher(argument);
            if (literal.matches()) {
                return literal.group(1);
            }
            Matcher qualified = QUALIFIED.matcher(argument);
            if (qualified.matches()) {
                return constants.get(qualified.group(1) + "." + qualified.group(2));
            }
            if (NAME.matcher(argument).matches()) {
                return constants.get(className(source) + "." + argument);
            }
            return null;
        }

        /** The arguments of the call whose opening parenthesis ends at {@code from}, split at its own commas. */
        private List<String> arguments(int from) {
            int depth = 0;
            StringBuilder current = new StringBuilder();
            List<String> arguments = new ArrayList<>();
            for (int i = from; i < java.length(); i++) {
                char c = java.charAt(i);
                if (c == '"' || c == '\'') {
                    int end = i + 1;
                    while (java.charAt(end) != c) {
                        end += java.charAt(end) == '\\' ? 2 : 1;
                    }
                    current.append(java, i, end + 1);
                    i = end;
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        if (!current.toString().isBlank() || !arguments.isEmpty()) {
                            arguments.add(current.toString().strip().replaceAll("\\s+", " "));
                        }
                        return arguments;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    arguments.add(current.toString().strip().replaceAll("\\s+", " "));
                    current.setLength(0);
                    continue;
                }
                current.append(c);
            }
            return arguments;
        }

        private static List<String> split(String parameters) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            StringBuilder current = new StringBuilder();
            for (char c : parameters.toCharArray()) {
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                    continue;
                }
                current.append(c);
            }
            if (!current.toString().isBlank()) {
                parts.add(current.toString());
            }
            return parts;
        }
    }
}
