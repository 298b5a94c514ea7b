package com.meterledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maps a newcomer reads match the tree: every Maven module that builds code has its row in ARCHITECTURE.md's
 * module table and in the README's layout table, and neither table names a module that is not there.
 */
class ModuleMapTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z][a-z0-9/-]*)` \\|");

    @Test
    void architectureNamesEveryModuleOnce() {
        assertThat(rowsOf("ARCHITECTURE.md", "## Modules")).isEqualTo(codeModules());
    }

    @Test
    void theReadmesLayoutNamesEveryModule() {
        assertThat(rowsOf("README.md", "## Layout")).containsAll(codeModules());
    }

    /** The leaves of the reactor: modules that hold code, found from the root pom down. */
    private static Set<String> codeModules() {
        Set<String> modules = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of(""));
        while (!pending.isEmpty()) {
            String module = pending.removeFirst();
            Matcher children = MODULE.matcher(read(ROOT.resolve(module).resolve("pom.xml")));
            boolean aggregator = false;
            while (children.find()) {
                aggregator = true;
                pending.add(module.isEmpty() ? children.group(1) : module + "/" + children.group(1));
            }
            if (!aggregator) {
                modules.add(module);
            }
        }
        assertThat(modules).as("modules under " + ROOT).hasSizeGreaterThan(8);
        return modules;
    }

    /** The paths named in the first column of the table under this heading. */
    private static Set<String> rowsOf(String file, String heading) {
        String text = read(ROOT.resolve(file));
        int start = text.indexOf(heading);
        assertThat(start).as(heading + " in " + file).isNotNegative();
        int end = text.indexOf("\n#", start + heading.length());
        Matcher rows = ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
        Set<String> paths = new TreeSet<>();
        while (rows.find()) {
            assertThat(paths.add(rows.group(1))).as(rows.group(1) + " twice in " + file).isTrue();
        }
        return paths;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
