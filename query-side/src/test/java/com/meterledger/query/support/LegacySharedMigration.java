package com.meterledger.query.support;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.zip.CRC32;

/**
 * Test only: one of the shared legacy migrations that live with the application ({@code infra/app}) but create or
 * alter query-side's tables ({@code V2__registry_and_accounts.sql} creates {@code account_view} and
 * {@code account_ledger_line}, {@code V3__supply_and_deadlines.sql} adds the account's supply columns; see
 * {@code SHARED_LEGACY_MIGRATIONS} in infra/app's {@code TableOwnershipTest}), and Axon's store
 * ({@code V1__axon_store.sql}) that the auditor's replay reads. query-side may not depend on infra/app,
 * so the exact file is read from the repository, never copied, and run by Flyway at its own version, in order with
 * query-side's and tenant-admin's migrations.
 */
final class LegacySharedMigration implements JavaMigration {
    /** infra/app's migrations, from query-side's basedir (the working directory of its tests). */
    private static final Path FOLDER = Path.of("../infra/app/src/main/resources/db/migration");

    private final MigrationVersion version;
    private final String description;
    private final String sql;

    LegacySharedMigration(String fileName) {
        Path file = FOLDER.resolve(fileName).toAbsolutePath().normalize();
        try {
            this.sql = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the shared legacy migration " + file + " is not in the repository", e);
        }
        String name = fileName.substring(1, fileName.length() - ".sql".length());
        this.version = MigrationVersion.fromVersion(name.substring(0, name.indexOf("__")));
        this.description = name.substring(name.indexOf("__") + 2).replace('_', ' ');
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /** Plain DDL statements: PostgreSQL's driver runs them as one script. */
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        }
    }
}
