package com.meterledger.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindTenantExportParts;
import com.meterledger.api.tenant.TenantExportPart;
import com.meterledger.edge.tenancy.TenantContext;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import com.meterledger.query.audit.TenantEvents;
import com.meterledger.query.report.ReportFiles;
import org.springframework.stereotype.Component;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything of a tenant as one zip, for a tenant that leaves: {@code events.jsonl} (its events from the event store,
 * one JSON object a line, through the audit's {@link TenantEvents}), one CSV per read model query-side owns
 * ({@link TenantTables}) and {@code manifest.json}, which lists every other file with its SHA-256 and row count, so
 * the receiver can check what they got. Occupants' contacts are not in it: they belong to the notifications module,
 * which publishes no export of them (see the README). Progress: one step per event or row. A module's part that does
 * not answer stops the export naming it ({@link PartMissing}): a zip is whole or not handed out.
 */
@Component
public class TenantArchive {
    static final String EVENTS = "events.jsonl";
    static final String MANIFEST = "manifest.json";

    private final TenantEvents events;
    private final TenantTables tables;
    private final ObjectMapper json;

    private final QueryGateway queries;

    public TenantArchive(TenantEvents events, TenantTables tables, ObjectMapper json, QueryGateway queries) {
        this.events = events;
        this.tables = tables;
        this.json = json;
        this.queries = queries;
    }

    /**
     * The other modules' parts (the gateway registry, ...): each answers {@link FindTenantExportParts} from its own
     * tables, so query-side reads none of them. Sorted by file, so two exports list the same files in one order.
     * Every part of {@link FindTenantExportParts#PARTS} must answer: one that threw or timed out is missing from a
     * scatter-gather without a word, so {@link ExportCompleteness} judges the answers and a missing part stops the
     * export ({@link PartMissing}) before anything is written.
     */
    private List<TenantExportPart.Table> parts(TenantId tenant) {
        List<TenantExportPart> answers = gather(tenant);
        if (ExportCompleteness.judge(answers) instanceof ExportCompleteness.Incomplete incomplete) {
            throw new PartMissing(incomplete);
        }
        return tables(answers);
    }

    private List<TenantExportPart> gather(TenantId tenant) {
        // as the tenant also on the job's worker thread, which has no caller: the handlers' reads run under its
        // row-level security
        return TenantContext.callAs(tenant, () -> queries.scatterGather(new FindTenantExportParts(tenant),
                ResponseTypes.instanceOf(TenantExportPart.class), 60, TimeUnit.SECONDS).toList());
    }

    private static List<TenantExportPart.Table> tables(List<TenantExportPart> answers) {
        return answers.stream().flatMap(part -> part.tables().stream())
                .sorted(Comparator.comparing(TenantExportPart.Table::file)).toList();
    }

    /**
     * How many steps {@link #write} will report: the tenant's events and every table's rows. A part missing here is
     * only not counted: the job, which asks again, fails naming it.
     */
    public long count(TenantId tenant) {
        long total = events.count(tenant);
        for (TenantTables.Table table : TenantTables.TABLES) {
            total += tables.count(tenant, table);
        }
        for (TenantExportPart.Table part : tables(gather(tenant))) {
            total += part.rows().size();
        }
        return total;
    }

    /** A module's part did not answer: the export stops, its reason naming the parts. */
    public static final class PartMissing extends RuntimeException {
        private final transient ExportCompleteness.Incomplete verdict;

        PartMissing(ExportCompleteness.Incomplete verdict) {
            super(verdict.reason());
            this.verdict = verdict;
        }

        public ExportCompleteness.Incomplete verdict() {
            return verdict;
        }
    }

    /** Writes the zip to {@code output}, calling {@code step} once per event and row written. */
    public void write(TenantId tenant, OutputStream output, LongConsumer step) throws IOException {
        List<TenantExportPart.Table> parts = parts(tenant);
        long[] done = {0};
        ObjectNode manifest = json.createObjectNode();
        manifest.put("tenantId", tenant.value());
        manifest.put("exportedAt", Instant.now().toString());
        ArrayNode files = manifest.putArray("files");
        try (ZipOutputStream zip = new ZipOutputStream(output, StandardCharsets.UTF_8)) {
            Entry entry = Entry.open(zip, EVENTS);
            events.stream(tenant, event -> {
                ObjectNode line = json.createObjectNode();
                line.put("globalIndex", event.globalIndex());
                line.put("eventId", event.eventId());
                line.put("aggregateType", event.aggregateType());
                line.put("aggregateId", event.aggregateId());
                line.put("sequence", event.sequence());
                line.put("timestamp", event.timestamp());
                line.put("payloadType", event.payloadType());
                line.put("payloadRevision", event.payloadRevision());
                try {
                    line.set("payload", json.readTree(event.payload()));
                    line.set("metaData", event.metaData() == null ? null : json.readTree(event.metaData()));
                    entry.out.write(json.writeValueAsBytes(line));
                    entry.out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                entry.rows++;
                step.accept(++done[0]);
            });
            entry.close(files);
            for (TenantTables.Table table : TenantTables.TABLES) {
                Entry csv = Entry.open(zip, table.file());
                ReportFiles.csv(csv.out, sink -> {
                    sink.row(table.header());
                    tables.stream(tenant, table, cells -> {
                        sink.row(cells);
                        csv.rows++;
                        step.accept(++done[0]);
                    });
                });
                csv.close(files);
            }
            for (TenantExportPart.Table part : parts) {
                Entry csv = Entry.open(zip, part.file());
                ReportFiles.csv(csv.out, sink -> {
                    sink.row(part.header());
                    for (List<String> cells : part.rows()) {
                        sink.row(cells);
                        csv.rows++;
                        step.accept(++done[0]);
                    }
                });
                csv.close(files);
            }
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
        }
    }

    /** One file in the zip: its bytes pass a SHA-256 digest on their way in; its rows are counted by the writer. */
    private static final class Entry {
        private final ZipOutputStream zip;
        private final String name;
        private final MessageDigest digest;
        private final OutputStream out;
        private long rows;

        private Entry(ZipOutputStream zip, String name, MessageDigest digest) {
            this.zip = zip;
            this.name = name;
            this.digest = digest;
            this.out = new DigestOutputStream(new FilterOutputStream(zip) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    zip.write(bytes, offset, length);
                }

                @Override
                public void close() {
                    // the zip stays open for the next file
                }
            }, digest);
        }

        static Entry open(ZipOutputStream zip, String name) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            try {
                return new Entry(zip, name, MessageDigest.getInstance("SHA-256"));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        void close(ArrayNode files) throws IOException {
            out.flush();
            zip.closeEntry();
            files.addObject().put("name", name).put("sha256", HexFormat.of().formatHex(digest.digest()))
                    .put("rows", rows);
        }
    }
}
