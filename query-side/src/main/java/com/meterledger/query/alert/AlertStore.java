package com.meterledger.query.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table {@code alert} and the evaluator's bookkeeping ({@code alert_watch}). Opening is an insert that does nothing
 * when the condition already has an alert that is not resolved (unique index {@code alert_one_open}), so any number
 * of nodes may evaluate the same tenant at once: one alert per condition, whoever comes first. An alert's id is
 * {@code <kind>.<subject>.<moment the condition began, UTC>}: the same condition seen by two nodes has the same id.
 */
@Repository
public class AlertStore {
    private static final TypeReference<Map<String, String>> FIGURES = new TypeReference<>() {
    };
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AlertStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A condition that holds; @return whether this call opened its alert (false: it was open already) */
    @Transactional
    public boolean open(TenantId tenant, AlertKind kind, String subject, String propertyId, Instant since,
                        String rule, Map<String, String> figures, Instant now) {
        String id = kind.code() + "." + subject + "." + MOMENT.format(since);
        return jdbc.sql("""
                        insert into alert (tenant_id, alert_id, kind, subject_type, subject_id, property_id, state,
                            condition_since, opened_at, rule, figures)
                        values (:tenant, :id, :kind, :subjectType, :subject, :property, 'OPEN', :since, :now, :rule,
                            cast(:figures as jsonb))
                        on conflict do nothing""")
                .param("tenant", tenant.value()).param("id", id).param("kind", kind.name())
                .param("subjectType", kind.subjectType()).param("subject", subject).param("property", propertyId)
                .param("since", Timestamp.from(since)).param("now", Timestamp.from(now)).param("rule", rule)
                .param("figures", write(figures))
                .update() == 1;
    }

    /** Resolves the kind's alerts whose subject is not among those the condition still holds for. */
    @Transactional
    public int resolveAllBut(TenantId tenant, AlertKind kind, Collection<String> stillHolding, Instant now) {
        return jdbc.sql("""
                        update alert set state = 'RESOLVED', resolved_at = :now
                        where tenant_id = :tenant and kind = :kind and state <> 'RESOLVED'
                          and not (subject_id = any (cast(:holding as varchar[])))""")
                .param("now", Timestamp.from(now)).param("tenant", tenant.value()).param("kind", kind.name())
                .param("holding", stillHolding.toArray(String[]::new))
                .update();
    }

    /**
     * Adds to or replaces figures of the kind's alert on the subject that is not resolved (a condition that goes on
     * learns more, e.g. when an abandoned command is tried next); @return how many alerts took them (0 or 1)
     */
    @Transactional
    public int updateFigures(TenantId tenant, AlertKind kind, String subject, Map<String, String> figures) {
        return jdbc.sql("""
                        update alert set figures = coalesce(figures, '{}'::jsonb) || cast(:figures as jsonb)
                        where tenant_id = :tenant and kind = :kind and subject_id = :subject and state <> 'RESOLVED'""")
                .param("figures", write(figures)).param("tenant", tenant.value()).param("kind", kind.name())
                .param("subject", subject)
                .update();
    }

    @Transactional
    public int resolve(TenantId tenant, AlertKind kind, String subject, Instant now) {
        return jdbc.sql("""
                        update alert set state = 'RESOLVED', resolved_at = :now
                        where tenant_id = :tenant and kind = :kind and subject_id = :subject and state <> 'RESOLVED'""")
                .param("now", Timestamp.from(now)).param("tenant", tenant.value()).param("kind", kind.name())
                .param("subject", subject)
                .update();
    }

    /**
     * Since when the evaluator has seen a condition that carries no moment of its own; the first pass that sees it
     * sets it, and conditions no longer seen lose theirs ({@code holding} are all that hold now).
     */
    @Transactional
    public Map<String, Instant> watch(TenantId tenant, AlertKind kind, Collection<String> holding, Instant now) {
        jdbc.sql("""
                        delete from alert_watch where tenant_id = :tenant and kind = :kind
                          and not (subject_id = any (cast(:holding as varchar[])))""")
                .param("tenant", tenant.value()).param("kind", kind.name())
                .param("holding", holding.toArray(String[]::new)).update();
        Map<String, Instant> since = new HashMap<>();
        for (String subject : holding) {
            jdbc.sql("""
                            insert into alert_watch (tenant_id, kind, subject_id, since) values (?, ?, ?, ?)
                            on conflict do nothing""")
                    .params(tenant.value(), kind.name(), subject, Timestamp.from(now)).update();
        }
        jdbc.sql("select subject_id, since from alert_watch where tenant_id = ? and kind = ?")
                .params(tenant.value(), kind.name())
                .query(rs -> {
                    since.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return since;
    }

    /** @param scope the properties a manager sees; empty: every property (the other roles) */
    @Transactional(readOnly = true)
    public AlertPage list(TenantId tenant, AlertFilter filter, Optional<List<String>> scope) {
        StringBuilder where = new StringBuilder(" where tenant_id = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        if (filter.state() != null) {
            where.append(" and state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.kind() != null) {
            where.append(" and kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.propertyId() != null) {
            where.append(" and property_id = :property");
            params.put("property", filter.propertyId());
        }
        if (scope.isPresent()) {
            where.append(" and property_id = any (cast(:scope as varchar[]))");
            params.put("scope", scope.get().toArray(String[]::new));
        }
        long total = jdbc.sql("select count(*) from alert" + where).params(params).query(Long.class).single();
        params.put("limit", filter.size());
        params.put("offset", (long) filter.page() * filter.size());
        List<Alert> alerts = jdbc.sql("select * from alert" + where
                        + " order by opened_at desc, alert_id limit :limit offset :offset")
                .params(params).query((rs, row) -> alert(rs)).list();
        return new AlertPage(alerts, filter.page(), filter.size(), total);
    }

    @Transactional(readOnly = true)
    public Optional<Alert> find(TenantId tenant, String alertId, Optional<List<String>> scope) {
        return jdbc.sql("""
                        select * from alert where tenant_id = :tenant and alert_id = :id
                          and (cast(:scoped as boolean) is false or property_id = any (cast(:scope as varchar[])))""")
                .param("tenant", tenant.value()).param("id", alertId).param("scoped", scope.isPresent())
                .param("scope", scope.orElse(List.of()).toArray(String[]::new))
                .query((rs, row) -> alert(rs)).optional();
    }

    /** Open to acknowledged, once: @return whether this call acknowledged it */
    @Transactional
    public boolean acknowledge(TenantId tenant, String alertId, String note, String actor, String origin,
                               Instant now) {
        return jdbc.sql("""
                        update alert set state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                            acknowledged_via = ?, note = ?
                        where tenant_id = ? and alert_id = ? and state = 'OPEN'""")
                .params(Timestamp.from(now), actor, origin, note, tenant.value(), alertId).update() == 1;
    }

    /** The property of each of the tenant's meters (meter_view, kept by dashboard-projection). */
    @Transactional(readOnly = true)
    public Map<String, String> propertiesOfMeters(TenantId tenant) {
        Map<String, String> properties = new HashMap<>();
        jdbc.sql("select meter_id, property_id from meter_view where tenant_id = ? and property_id is not null")
                .param(tenant.value()).query(rs -> {
                    properties.put(rs.getString(1), rs.getString(2));
                });
        return properties;
    }

    /** Every tenant with meters, through the narrow door alert_tenants(). */
    @Transactional(readOnly = true)
    public List<TenantId> tenants() {
        List<TenantId> tenants = new ArrayList<>();
        jdbc.sql("select tenant_id from alert_tenants()").query(rs -> {
            tenants.add(new TenantId(rs.getString(1)));
        });
        return tenants;
    }

    private Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getString("alert_id"), AlertKind.valueOf(rs.getString("kind")),
                rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("property_id"),
                AlertState.valueOf(rs.getString("state")), instant(rs.getTimestamp("condition_since")),
                instant(rs.getTimestamp("opened_at")), rs.getString("rule"), read(rs.getString("figures")),
                instant(rs.getTimestamp("acknowledged_at")), rs.getString("acknowledged_by"), rs.getString("note"),
                instant(rs.getTimestamp("resolved_at")), null);
    }

    private String write(Map<String, String> figures) {
        try {
            return json.writeValueAsString(figures == null ? Map.of() : figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String figures) {
        try {
            return figures == null ? Map.of() : json.readValue(figures, FIGURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable figures in alert", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
