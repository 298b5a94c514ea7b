package com.meterledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Method-security rules ({@code @PreAuthorize}, {@code @PostFilter}, and the constants they use) are Spring Security's
 * own expressions: roles, and {@code hasPermission(#id, 'account', 'manage')} for a property manager's scope. A rule
 * that names a bean ({@code @access.managesAccount(#id)}) ties every module's controllers to the module defining the
 * bean, which the Java imports never show: 103 rules called a bean of the application this way.
 */
class SecurityExpressionsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Pattern STRING = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\b(hasRole|hasAnyRole|hasPermission|isAuthenticated|permitAll|denyAll)\\s*\\(");
    private static final Pattern BEAN = Pattern.compile("@[A-Za-z_]\\w*\\s*\\.");

    @Test
    void noSecurityRuleNamesABean() throws IOException {
        List<String> rules = new ArrayList<>();
        List<String> namingBeans = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path source : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")
                    && !f.toString().contains("/target/")).toList()) {
                Matcher literal = STRING.matcher(read(source));
                while (literal.find()) {
                    String text = literal.group();
                    if (EXPRESSION.matcher(text).find()) {
                        rules.add(text);
                        if (BEAN.matcher(text).find()) {
                            namingBeans.add(ROOT.relativize(source) + ": " + text);
                        }
                    }
                }
            }
        }
        assertThat(rules).as("security rules found").hasSizeGreaterThan(50);
        assertThat(namingBeans).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
