package com.meterledger.query.export;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.support.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export_job rows of {@link ExportJobStore} against a real PostgreSQL, each test with a tenant of its own. */
@SpringJUnitConfig(ProjectionDatabase.class)
class ExportJobStoreTest {
    private static final ExportRequest PROPERTY_MARCH = new ExportRequest("property-period", "CSV", "property-1",
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), null);

    @Autowired
    JdbcClient jdbc;

    ExportJobStore store;
    TenantId tenant;
    String job;

    @BeforeEach
    void aStoreAndATenantOfItsOwn() {
        store = new ExportJobStore(jdbc);
        tenant = new TenantId("tenant-" + UUID.randomUUID());
        job = "job-" + UUID.randomUUID();
    }

    @Test
    void aJobGoesFromQueuedThroughRunningToDoneAndThenHasItsFile() {
        store.create(tenant, job, PROPERTY_MARCH, "{\"propertyId\":\"property-1\"}", 10);

        ExportStatus queued = store.status(tenant, job);
        assertThat(queued.status()).isEqualTo("QUEUED");
        assertThat(queued.percent()).isZero();
        assertThat(queued.file()).isNull();
        assertThatThrownBy(() -> store.file(tenant, job)).isInstanceOf(NotFound.class);

        store.started(tenant, job);
        store.progress(tenant, job, 4);

        ExportStatus running = store.status(tenant, job);
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.percent()).isEqualTo(40);
        assertThat(running.startedAt()).isNotNull();

        store.done(tenant, job, 10, "march.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

        ExportStatus done = store.status(tenant, job);
        assertThat(done.status()).isEqualTo("DONE");
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.file()).isEqualTo("/api/exports/" + job + "/file");
        ExportJobStore.File file = store.file(tenant, job);
        assertThat(file.name()).isEqualTo("march.csv");
        assertThat(file.format()).isEqualTo("CSV");
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
    }

    @Test
    void aJobThatWroteMoreRowsThanCountedEndsWithTheRowsItWrote() {
        store.create(tenant, job, PROPERTY_MARCH, "{}", 10);
        store.started(tenant, job);

        store.done(tenant, job, 12, "march.csv", new byte[0]);

        ExportStatus done = store.status(tenant, job);
        assertThat(done.rowsDone()).isEqualTo(12);
        assertThat(done.rowsTotal()).isEqualTo(12);
    }

    @Test
    void aFailedJobKeepsTheFirst500CharactersOfItsErrorAndHasNoFile() {
        store.create(tenant, job, PROPERTY_MARCH, "{}", 10);
        store.started(tenant, job);

        store.failed(tenant, job, "x".repeat(600));

        ExportStatus failed = store.status(tenant, job);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("x".repeat(500));
        assertThat(failed.finishedAt()).isNotNull();
        assertThatThrownBy(() -> store.file(tenant, job)).isInstanceOf(NotFound.class);
    }

    @Test
    void anotherTenantsJobIsNotFoundAndNotChangedByItsCalls() {
        store.create(tenant, job, PROPERTY_MARCH, "{}", 10);
        TenantId other = new TenantId("tenant-" + UUID.randomUUID());

        store.started(other, job);
        store.failed(other, job, "not yours");

        assertThatThrownBy(() -> store.status(other, job)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> store.file(other, job)).isInstanceOf(NotFound.class);
        assertThat(store.status(tenant, job).status()).isEqualTo("QUEUED");
    }
}
