package com.meterledger.query.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The audit trail in Elasticsearch: one document per event of a tenant, with its type, aggregate, sequence, time,
 * actor, origin, correlation (the first message of the chain) and causation (the message that caused it), and a
 * readable summary for full-text search. Events carry no personal data by design, so neither does the trail.
 * Keyed by event id, versioned by the aggregate sequence: replays write nothing twice.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {
    public static final String PROCESSING_GROUP = "audit-trail-search";
    /** Axon's MessageOriginProvider: the causing message's id, and the first message's id of the chain. */
    static final String CAUSATION_KEY = "correlationId";
    static final String CORRELATION_KEY = "traceId";

    /** Where a camel-case type name gets its spaces: "AccountCredited" -> "Account credited". */
    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    /** A list item spelled in a summary: a code or an id, no spaces, brackets or commas. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");
    private static final int MAX_SPELLED_ITEMS = 10;

    private final SearchAccess search;
    private final ObjectMapper json;
    /** Event types in words, worked out once per type. */
    private final Map<String, String> typesInWords = new ConcurrentHashMap<>();

    public AuditTrailProjection(SearchAccess search, ObjectMapper json) {
        this.search = search;
        // a decimal keeps its scale (a price of 2.50, not 2.5; 10, not 1E+1)
        this.json = json.copy().configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        Object tenant = event.getMetaData().get(MetadataKeys.TENANT);
        if (tenant == null) {
            return;
        }
        String type = event.getPayloadType().getSimpleName();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("event_id", event.getIdentifier());
        document.put("type", type);
        long version = 1;
        if (event instanceof DomainEventMessage<?> domain) {
            document.put("aggregate_type", domain.getType());
            document.put("aggregate_id", domain.getAggregateIdentifier());
            document.put("sequence", domain.getSequenceNumber());
            version = domain.getSequenceNumber() + 1;
        }
        document.put("at", event.getTimestamp().toString());
        putIfPresent(document, "actor", event.getMetaData().get(MetadataKeys.ACTOR));
        putIfPresent(document, "origin", event.getMetaData().get(MetadataKeys.ORIGIN));
        putIfPresent(document, "correlation_id", event.getMetaData().get(CORRELATION_KEY));
        putIfPresent(document, "causation_id", event.getMetaData().get(CAUSATION_KEY));
        document.put("summary", summary(type, payload));
        search.write(new TenantId(tenant.toString()), SearchIndex.AUDIT, event.getIdentifier(), version, document);
    }

    private static void putIfPresent(Map<String, Object> document, String field, Object value) {
        if (value != null) {
            document.put(field, value.toString());
        }
    }

    /**
     * "Account credited: accountId=acc-1, amount=2500 EUR, reference=r-7, ...": typed ids and money read as values,
     * up to ten codes in a list are spelled ({@code roles=[FINANCE AUDITOR]}), other lists are counted, decimals are
     * plain (never {@code 1E+1}).
     */
    public String summary(String type, Object payload) {
        List<String> parts = new ArrayList<>();
        flatten("", json.valueToTree(payload), parts);
        String words = typesInWords.computeIfAbsent(type, AuditTrailProjection::words);
        return words + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private static void flatten(String prefix, JsonNode node, List<String> parts) {
        if (node.isObject()) {
            if (node.has("minorUnits") && node.has("currency") && node.size() == 2) {
                parts.add(prefix + "=" + node.get("minorUnits").asText() + " " + node.get("currency").asText());
                return;
            }
            if (node.has("value") && node.size() == 1) {
                flatten(prefix, node.get("value"), parts);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), parts);
            }
        } else if (node.isArray()) {
            if (spelled(node)) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(item.asText()));
                parts.add(prefix + "=[" + String.join(" ", items) + "]");
            } else if (!node.isEmpty()) {
                parts.add(prefix + "=" + node.size() + " items");
            }
        } else if (node.isBigDecimal()) {
            parts.add(prefix + "=" + node.decimalValue().toPlainString());
        } else if (!node.isNull()) {
            parts.add(prefix + "=" + node.asText());
        }
    }

    /**
     * A short list of codes (roles, property ids) is spelled, so that the trail finds "FINANCE" and a reader sees who
     * was given what; longer lists, and lists of anything else, are counted.
     */
    private static boolean spelled(JsonNode array) {
        if (array.isEmpty() || array.size() > MAX_SPELLED_ITEMS) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isTextual() || !CODE.matcher(item.asText()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String words(String type) {
        String spaced = WORD_BOUNDARY.matcher(type).replaceAll(" ").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
