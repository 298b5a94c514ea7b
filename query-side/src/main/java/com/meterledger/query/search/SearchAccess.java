package com.meterledger.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.transport.ElasticsearchTransport;
import com.meterledger.api.shared.TenantId;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place that talks to Elasticsearch (an architecture test keeps it so).
 *
 * <p>Tenant isolation: one index per kind shared by all tenants; every document is written here with the
 * {@code tenant_id} of the event it comes from and an id that starts with that tenant, and every read made here is
 * wrapped in a {@code bool} whose mandatory filter is {@code tenant_id = caller's tenant}. Callers shape a search
 * (aggregations, sort, paging) but cannot replace its query, so no read can reach past the filter.
 *
 * <p>Idempotence: a document's id is derived from the event (never random) and it is written with
 * {@code version_type=external} and a version taken from the event's position in its aggregate, so a replayed or
 * redelivered event finds its document already there (409) and changes nothing.
 */
@Component
public class SearchAccess {
    static final String TENANT_FIELD = "tenant_id";
    private static final String PENDING_WRITES = SearchAccess.class.getName() + ".pendingWrites";
    /** Documents deleted per bulk request by {@link #deleteAll}. */
    static final int DELETE_PAGE = 1_000;

    private final ElasticsearchClient client;
    private final String prefix;
    private final int replicas;
    private final String refreshInterval;
    private volatile boolean indicesReady;

    public SearchAccess(ElasticsearchTransport transport,
                        @Value("${meterledger.search.index-prefix:meterledger}") String prefix,
                        @Value("${meterledger.search.replicas:0}") int replicas,
                        @Value("${meterledger.search.refresh-interval:5s}") String refreshInterval) {
        this.client = new ElasticsearchClient(transport);
        this.prefix = prefix;
        this.replicas = replicas;
        this.refreshInterval = refreshInterval;
    }

    /**
     * Index templates and the indices themselves, created when missing, before the first use rather than at start-up
     * so that the application starts while the cluster is away (health shows it; projections retry). Idempotent, so
     * nodes starting together or a race between threads do no harm.
     * <p>
     * The refresh interval is how soon a written document shows in searches (the trail, consumption charts). Each
     * refresh writes a new segment: at 1 s, writing those was about a third of the dev node's indexing work under a
     * gateway load, so the default is longer.
     */
    private void ensureIndices() {
        if (indicesReady) {
            return;
        }
        for (SearchIndex index : SearchIndex.values()) {
            String name = nameOf(index);
            call(() -> client.indices().putIndexTemplate(template -> {
                try (InputStream mapping = mapping(index)) {
                    return template.name(name).indexPatterns(name + "*").priority(100L)
                            .template(t -> t.settings(s -> s.numberOfShards("1").numberOfReplicas(
                                            Integer.toString(replicas)).refreshInterval(i -> i.time(refreshInterval)))
                                    .mappings(m -> m.withJson(mapping)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            boolean exists = call(() -> client.indices().exists(e -> e.index(name)).value());
            if (!exists) {
                try {
                    call(() -> client.indices().create(c -> c.index(name)));
                } catch (ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            } else {
                // an index made before the setting changed takes it too (a dynamic setting)
                call(() -> client.indices().putSettings(p -> p.index(name)
                        .settings(s -> s.refreshInterval(i -> i.time(refreshInterval)))));
            }
        }
        indicesReady = true;
    }

    private static InputStream mapping(SearchIndex index) throws IOException {
        return new ClassPathResource("search/" + index.shortName() + ".json").getInputStream();
    }

    /**
     * Writes one document of the tenant unless a document with this id and an equal or higher version is there (a
     * replay or redelivery: nothing changes). Inside an Axon unit of work (an event processor's batch) the writes are
     * sent as one bulk request when the batch commits, before its token is stored; a failed item fails the batch,
     * which the processor then retries.
     *
     * @param localId unique within the tenant and the index, derived from the event
     * @param version the event's position (aggregate sequence + 1), never lower on replays
     */
    public void write(TenantId tenant, SearchIndex index, String localId, long version, Map<String, Object> document) {
        ensureIndices();
        Map<String, Object> stamped = new LinkedHashMap<>(document);
        stamped.put(TENANT_FIELD, tenant.value());
        BulkOperation operation = BulkOperation.of(b -> b.index(i -> i.index(nameOf(index))
                .id(tenant.value() + ":" + localId).version(version).versionType(VersionType.External)
                .document(stamped)));
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            batch.getOrComputeResource(PENDING_WRITES, key -> {
                List<BulkOperation> pending = new ArrayList<>();
                batch.onPrepareCommit(committing -> send(pending));
                return pending;
            }).add(operation);
        } else {
            send(List.of(operation));
        }
    }

    private void send(List<BulkOperation> operations) {
        if (operations.isEmpty()) {
            return;
        }
        BulkResponse response = call(() -> client.bulk(b -> b.operations(operations)));
        if (!response.errors()) {
            return;
        }
        List<String> failures = response.items().stream()
                .filter(item -> item.error() != null && item.status() != 409)
                .map(item -> item.id() + ": " + item.error().type() + " " + item.error().reason())
                .toList();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + operations.size()
                    + " search documents were not written, first " + failures.get(0));
        }
    }

    /** One of the tenant's documents by the id it was written with (real time: sees writes not yet refreshed). */
    public <T> Optional<T> get(TenantId tenant, SearchIndex index, String localId, Class<T> documentType) {
        ensureIndices();
        GetResponse<T> found = call(() -> client.get(g -> g.index(nameOf(index)).id(tenant.value() + ":" + localId),
                documentType));
        return found.found() ? Optional.ofNullable(found.source()) : Optional.empty();
    }

    /**
     * Searches the tenant's documents. {@code shape} may set aggregations, sort, paging and source filtering; the
     * query is always {@code bool(filter: tenant_id, must: query)}, set after {@code shape} runs.
     *
     * @throws InvalidSearchQuery when Elasticsearch refuses the query's syntax (e.g. a malformed query string)
     */
    public <T> SearchResponse<T> search(TenantId tenant, SearchIndex index, Query query,
                                        Consumer<SearchRequest.Builder> shape, Class<T> documentType) {
        ensureIndices();
        SearchRequest.Builder request = new SearchRequest.Builder();
        shape.accept(request);
        request.index(nameOf(index)).query(tenantOnly(tenant, query));
        try {
            return call(() -> client.search(request.build(), documentType));
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                throw new InvalidSearchQuery(parserReason(e.error()));
            }
            throw e;
        }
    }

    /** How many of the tenant's documents match. */
    public long count(TenantId tenant, SearchIndex index, Query query) {
        ensureIndices();
        return call(() -> client.count(c -> c.index(nameOf(index)).query(tenantOnly(tenant, query))).count());
    }

    /**
     * Deletes the tenant's documents of {@code index} that match {@code query}, for purge after retention. The dev
     * node has no delete-by-query, so the matching ids are searched {@link #DELETE_PAGE} at a time (the index
     * refreshed first, so a page never shows what was just deleted) and deleted in one bulk request, until none is
     * left. A document already gone counts as deleted; deleting twice deletes nothing more.
     *
     * @return how many documents were deleted
     */
    public long deleteAll(TenantId tenant, SearchIndex index, Query query) {
        ensureIndices();
        String name = nameOf(index);
        long deleted = 0;
        while (true) {
            call(() -> client.indices().refresh(r -> r.index(name)));
            SearchResponse<Object> page = call(() -> client.search(s -> s.index(name).query(tenantOnly(tenant, query))
                    .size(DELETE_PAGE).source(source -> source.fetch(false)), Object.class));
            List<String> ids = page.hits().hits().stream().map(Hit::id).toList();
            if (ids.isEmpty()) {
                return deleted;
            }
            List<BulkOperation> deletes = ids.stream()
                    .map(id -> BulkOperation.of(b -> b.delete(d -> d.index(name).id(id)))).toList();
            BulkResponse response = call(() -> client.bulk(b -> b.operations(deletes)));
            List<String> failures = response.items().stream()
                    .filter(item -> item.error() != null && item.status() != 404)
                    .map(item -> item.id() + ": " + item.error().type() + " " + item.error().reason()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " of " + ids.size()
                        + " search documents were not deleted, first " + failures.get(0));
            }
            deleted += ids.size();
        }
    }

    /** Makes every write so far visible to searches (tests and operators; projections never wait for it). */
    public void refresh() {
        call(() -> client.indices().refresh(r -> r.index(prefix + "-*")));
    }

    /** The cluster's health, for the actuator. */
    public ClusterHealth clusterHealth() {
        HealthResponse health = call(() -> client.cluster().health());
        return new ClusterHealth(health.clusterName(), health.status().jsonValue(), health.numberOfNodes());
    }

    public record ClusterHealth(String clusterName, String status, int nodes) {
    }

    private static Query tenantOnly(TenantId tenant, Query query) {
        return Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field(TENANT_FIELD).value(tenant.value())))
                .must(query)));
    }

    private String nameOf(SearchIndex index) {
        return prefix + "-" + index.shortName();
    }

    /**
     * The query parser's own words ("Cannot parse 'a AND (': Encountered "<EOF>" at line 1, column 7."): the first
     * parse_exception among the causes of the first shard failure (else the deepest cause); the top-level reason
     * only says that parsing failed.
     */
    private static String parserReason(ErrorCause error) {
        JsonData failedShards = error.metadata().get("failed_shards");
        String reason = failedShards == null ? null : deepestReason(failedShards.toJson());
        if (reason == null) {
            reason = error.rootCause().isEmpty() ? error.reason() : error.rootCause().get(0).reason();
        }
        return reason == null ? "refused by the search engine" : reason.lines().findFirst().orElse(reason);
    }

    private static String deepestReason(JsonValue value) {
        if (value instanceof JsonArray array) {
            return array.isEmpty() ? null : deepestReason(array.get(0));
        }
        if (!(value instanceof JsonObject object)) {
            return null;
        }
        if (object.get("type") instanceof JsonString type && type.getString().equals("parse_exception")
                && object.get("reason") instanceof JsonString parserWords) {
            return parserWords.getString();
        }
        if (object.containsKey("caused_by")) {
            String deeper = deepestReason(object.get("caused_by"));
            if (deeper != null) {
                return deeper;
            }
        }
        JsonValue reason = object.get("reason");
        if (reason instanceof JsonString text) {
            return text.getString();
        }
        return reason == null ? null : deepestReason(reason);
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new SearchUnavailable(e);
        }
    }
}
