package com.meterledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module fences below the Java imports: each module owns the tables its migrations create (its own
 * {@code db/migration/<module>} folder, found by Flyway's one location) and no module's SQL names another module's
 * table. Reads across modules go through published queries on {@code command-side/api} or through a published view
 * ({@code create view} in the owner's migrations, e.g. the registry's {@code registry_unit}), which others may read
 * but never write. The few exceptions are named below with their reason.
 */
class TableOwnershipTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final List<String> MODULES = List.of("command-side/api", "command-side/core", "query-side",
            "tenant-admin", "gateway-connector/meter-gateways", "gateway-connector/stripe",
            "gateway-connector/notifications", "infra/edge", "infra/web-ui", "infra/app", "infra/stripe-sandbox", "infra/embedded");

    /**
     * Migrations applied before modules owned their migrations, kept byte for byte (a changed checksum stops every
     * existing database): they create or alter tables of several modules. New migrations may not.
     */
    private static final Set<String> SHARED_LEGACY_MIGRATIONS = Set.of(
            "V2__registry_and_accounts.sql", "V3__supply_and_deadlines.sql", "V120__room_for_updates_in_place.sql");
    /** Owners of the tables the shared legacy migration V2 creates (it lives with the application). */
    private static final Map<String, String> LEGACY_OWNERS = Map.of(
            "property", "tenant-admin", "unit", "tenant-admin",
            "account_view", "query-side", "account_ledger_line", "query-side");
    /**
     * Reads of another module's table, each with its reason. The audit capability replays an account from the event
     * store itself (point in time, split in halves for speed), deserializing through Axon.
     */
    private static final Map<String, Set<String>> ALLOWED_READS = Map.of(
            "query-side", Set.of("domain_event_entry"));

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern CREATE_VIEW = Pattern.compile("(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?view\\s+(\\w+)");
    private static final Pattern DDL_ON = Pattern.compile(
            "(?i)\\b(?:alter\\s+table|on|truncate\\s+table|truncate|insert\\s+into|update|delete\\s+from)\\s+(\\w+)");
    private static final Pattern SQL_NAMES = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+(\\w+)");
    private static final Pattern WRITES = Pattern.compile("(?i)\\b(into|update|table)\\s+(\\w+)");
    private static final Pattern STRING = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"");

    private record Relation(String name, String module, String migration, boolean view) {
    }

    @Test
    void everyTableIsCreatedOnceByTheModuleThatOwnsIt() {
        Map<String, Relation> relations = relations();
        assertThat(relations).containsKeys("domain_event_entry", "property", "account_view", "meter_gateway",
                "payment_checkout", "registry_unit");
        assertThat(relations.get("property").module()).isEqualTo("tenant-admin");
        assertThat(relations.get("meter_gateway").module()).isEqualTo("gateway-connector/meter-gateways");
        assertThat(relations.get("stripe_webhook_inbox").module()).isEqualTo("gateway-connector/stripe");
        assertThat(relations.get("dashboard_figure").module()).isEqualTo("query-side");
        assertThat(relations.get("payment_link").module()).isEqualTo("tenant-admin");
        assertThat(relations.get("offline_receipt").module()).isEqualTo("query-side");
        assertThat(relations.get("tariff_view").module()).isEqualTo("query-side");
        assertThat(relations.get("tariff_version_view").module()).isEqualTo("query-side");
    }

    @Test
    void aMigrationChangesOnlyTheTablesOfItsOwnModule() {
        Map<String, Relation> relations = relations();
        List<String> crossings = new ArrayList<>();
        for (Path migration : migrations()) {
            String name = migration.getFileName().toString();
            if (SHARED_LEGACY_MIGRATIONS.contains(name) || name.startsWith("afterMigrate")) {
                continue;
            }
            String module = moduleOf(migration);
            Matcher ddl = DDL_ON.matcher(withoutSqlComments(read(migration)));
            while (ddl.find()) {
                Relation target = relations.get(ddl.group(1).toLowerCase());
                if (target != null && !target.module().equals(module) && !securityFoundation(name)) {
                    crossings.add(name + " (" + module + ") changes " + target.name() + " of " + target.module());
                }
            }
        }
        assertThat(crossings).isEmpty();
    }

    @Test
    void noModulesSqlNamesAnotherModulesTable() {
        Map<String, Relation> relations = relations();
        List<String> crossings = new ArrayList<>();
        for (String module : MODULES) {
            for (Path source : javaSources(module)) {
                Matcher string = STRING.matcher(read(source));
                while (string.find()) {
                    String literal = string.group();
                    Matcher names = SQL_NAMES.matcher(literal);
                    while (names.find()) {
                        Relation relation = relations.get(names.group(2).toLowerCase());
                        if (relation == null || relation.module().equals(module)) {
                            continue;
                        }
                        boolean write = WRITES.matcher(names.group()).matches();
                        boolean allowed = (relation.view() && !write)
                                || (!write && ALLOWED_READS.getOrDefault(module, Set.of()).contains(relation.name()));
                        if (!allowed) {
                            crossings.add(ROOT.relativize(source) + " names " + relation.name() + " of "
                                    + relation.module());
                        }
                    }
                }
            }
        }
        assertThat(crossings).isEmpty();
    }

    /** The security foundation puts every tenant table of every module under row-level security, by design. */
    private static boolean securityFoundation(String migration) {
        return migration.startsWith("V50__") || migration.contains("security");
    }

    private static Map<String, Relation> relations() {
        Map<String, Relation> relations = new LinkedHashMap<>();
        for (Path migration : migrations()) {
            String sql = withoutSqlComments(read(migration));
            String name = migration.getFileName().toString();
            collect(relations, CREATE_TABLE.matcher(sql), migration, name, false);
            collect(relations, CREATE_VIEW.matcher(sql), migration, name, true);
        }
        return relations;
    }

    private static void collect(Map<String, Relation> relations, Matcher created, Path migration, String name,
                                boolean view) {
        while (created.find()) {
            String table = created.group(1).toLowerCase();
            String owner = SHARED_LEGACY_MIGRATIONS.contains(name)
                    ? LEGACY_OWNERS.getOrDefault(table, moduleOf(migration)) : moduleOf(migration);
            Relation previous = relations.put(table, new Relation(table, owner, name, view));
            assertThat(previous).as(table + " is created by " + name + " and by "
                    + (previous == null ? "" : previous.migration())).isNull();
        }
    }

    private static List<Path> migrations() {
        List<Path> migrations = new ArrayList<>();
        for (String module : MODULES) {
            Path folder = ROOT.resolve(module).resolve("src/main/resources/db/migration");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(f -> f.toString().endsWith(".sql")).sorted().forEach(migrations::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        assertThat(migrations).as("migrations under " + ROOT).hasSizeGreaterThan(10);
        return migrations;
    }

    private static List<Path> javaSources(String module) {
        Path folder = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String moduleOf(Path file) {
        Path relative = ROOT.relativize(file);
        return MODULES.stream().filter(m -> relative.startsWith(m)).findFirst().orElseThrow();
    }

    private static String withoutSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
