package com.meterledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row-level security trusts whatever {@code app.tenant_id} a transaction carries, so exactly one class may set it:
 * {@code edge/tenancy/TenantSession}. Any other main source of any module that names the setting, or calls
 * {@code set_config}, fails here, and the reader of SECURITY.md's diagram can trust that it shows every writer.
 */
class OneTenantSettingTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final String WRITER = "infra/edge/src/main/java/com/meterledger/edge/tenancy/TenantSession.java";

    @Test
    void onlyTenantSessionNamesTheTenantSetting() {
        List<String> naming = mainSources()
                .filter(file -> {
                    String text = read(file);
                    return text.contains("app.tenant_id") || text.contains("set_config");
                })
                .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                .toList();
        assertThat(naming).containsExactly(WRITER);
    }

    private static Stream<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(file -> !file.toString().replace('\\', '/').contains("/target/"))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
