package com.meterledger.query.trail;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over the tenant's audit trail. {@code text} uses Elasticsearch's query-string syntax (words,
 * quotes, AND/OR/NOT, field:value, wildcards but no leading ones); malformed syntax is refused with the parser's
 * reason. Newest first.
 */
@Service
public class AuditTrailSearch {
    public static final int MAX_PAGE_SIZE = 100;
    /** Elasticsearch's default max_result_window: deeper pages need a narrower search. */
    static final int MAX_WINDOW = 10_000;
    static final int MAX_TEXT_LENGTH = 500;

    private final SearchAccess search;

    public AuditTrailSearch(SearchAccess search) {
        this.search = search;
    }

    /** What to look for; every part may be null. {@code from} inclusive, {@code to} exclusive. */
    public record Criteria(String text, String aggregateId, String type, Instant from, Instant to, int page,
                           int size) {
        public Criteria {
            if (page < 0) {
                throw new IllegalArgumentException("page must be 0 or more");
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
            }
            if ((long) (page + 1) * size > MAX_WINDOW) {
                throw new IllegalArgumentException("results beyond the first " + MAX_WINDOW
                        + " are not paged: narrow the search (type, aggregateId, from, to)");
            }
            if (text != null && text.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("the search text is longer than " + MAX_TEXT_LENGTH + " characters");
            }
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String event_id, String type, String aggregate_type, String aggregate_id, Long sequence,
                        Instant at, String actor, String origin, String correlation_id, String causation_id,
                        String summary) {
    }

    public record Page(List<Entry> entries, long total, int page, int size) {
    }

    public Page search(TenantId tenant, Criteria criteria) {
        List<Query> filters = new ArrayList<>();
        if (blankToNull(criteria.aggregateId()) != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("aggregate_id").value(criteria.aggregateId()))));
        }
        if (blankToNull(criteria.type()) != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("type").value(criteria.type()))));
        }
        if (criteria.from() != null || criteria.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.untyped(u -> {
                u.field("at");
                if (criteria.from() != null) {
                    u.gte(JsonData.of(criteria.from().toString()));
                }
                if (criteria.to() != null) {
                    u.lt(JsonData.of(criteria.to().toString()));
                }
                return u;
            }))));
        }
        String text = blankToNull(criteria.text());
        Query query = Query.of(q -> q.bool(b -> {
            b.filter(filters);
            if (text != null) {
                b.must(m -> m.queryString(s -> s.query(text).defaultField("summary").defaultOperator(Operator.And)
                        .allowLeadingWildcard(false).lenient(false)));
            }
            return b;
        }));
        var response = search.search(tenant, SearchIndex.AUDIT, query, request -> request
                .from(criteria.page() * criteria.size()).size(criteria.size()).trackTotalHits(t -> t.enabled(true))
                .sort(s -> s.field(f -> f.field("at").order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field("sequence").order(SortOrder.Desc).missing("_last"))), Entry.class);
        List<Entry> entries = response.hits().hits().stream().map(Hit::source).toList();
        long total = response.hits().total() == null ? entries.size() : response.hits().total().value();
        return new Page(entries, total, criteria.page(), criteria.size());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
