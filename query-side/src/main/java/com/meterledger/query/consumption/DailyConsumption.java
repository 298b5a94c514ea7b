package com.meterledger.query.consumption;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Daily consumption (and what it was charged) per meter or per property, from Elasticsearch date histograms over
 * the {@link ConsumptionProjection}'s documents. A reading's whole delta counts on the UTC day it was read; days
 * are [from, to] inclusive, at most {@value #MAX_DAYS} of them.
 */
@Service
public class DailyConsumption {
    public static final int MAX_DAYS = 366;

    private final SearchAccess search;
    private final JdbcClient jdbc;

    public DailyConsumption(SearchAccess search, JdbcClient jdbc) {
        this.search = search;
        this.jdbc = jdbc;
    }

    /** Quantities travel as strings ("2.751"): exact, never a binary floating-point number. */
    public record Day(LocalDate date, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
                      List<Charge> charges) {
    }

    public record Charge(String currency, long amountMinor) {
    }

    public record Series(Utility utility, String registerUnit,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, List<Day> days) {
    }

    public record Report(String meterId, String propertyId, LocalDate from, LocalDate to, String zone,
                         List<Series> series) {
    }

    public Report forMeter(TenantId tenant, String meterId, LocalDate from, LocalDate to) {
        validate(from, to);
        search.get(tenant, SearchIndex.CONSUMPTION, ConsumptionProjection.meterDocId(meterId),
                ConsumptionProjection.MeterDocument.class).orElseThrow(() -> new NotFound("meter", meterId));
        Query ofMeter = Query.of(q -> q.term(t -> t.field("meter_id").value(meterId)));
        return new Report(meterId, null, from, to, "UTC", histogram(tenant, ofMeter, from, to));
    }

    @Transactional(readOnly = true)
    public Report forProperty(TenantId tenant, String propertyId, LocalDate from, LocalDate to) {
        validate(from, to);
        if (jdbc.sql("select count(*) from registry_property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId).query(Long.class).single() == 0) {
            throw new NotFound("property", propertyId);
        }
        List<FieldValue> units = jdbc.sql("select unit_id from registry_unit where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId).query(String.class).list().stream().map(FieldValue::of).toList();
        Query ofUnits = Query.of(q -> q.terms(t -> t.field("unit_id").terms(v -> v.value(units))));
        return new Report(null, propertyId, from, to, "UTC", units.isEmpty() ? List.of()
                : histogram(tenant, ofUnits, from, to));
    }

    static void validate(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("the period spans more than " + MAX_DAYS + " days");
        }
    }

    private List<Series> histogram(TenantId tenant, Query scope, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Query inPeriod = Query.of(q -> q.bool(b -> b.filter(scope).filter(f -> f.range(r -> r.untyped(u ->
                u.field("read_at").gte(JsonData.of(start.toString())).lt(JsonData.of(end.toString())))))));
        Aggregation days = Aggregation.of(a -> a
                .dateHistogram(h -> h.field("read_at").calendarInterval(CalendarInterval.Day).timeZone("UTC")
                        .minDocCount(0).format("yyyy-MM-dd")
                        .extendedBounds(e -> e.min(co.elastic.clients.elasticsearch._types.aggregations
                                        .FieldDateMath.of(d -> d.expr(from.toString())))
                                .max(co.elastic.clients.elasticsearch._types.aggregations
                                        .FieldDateMath.of(d -> d.expr(to.toString())))))
                .aggregations("quantity", q -> q.sum(s -> s.field("quantity_micro")))
                .aggregations("charges", c -> c.filter(f -> f.term(t -> t.field("kind").value("charge")))
                        .aggregations("currency", t -> t.terms(terms -> terms.field("currency").size(10))
                                .aggregations("amount", s -> s.sum(sum -> sum.field("charged_minor"))))));
        var response = search.search(tenant, SearchIndex.CONSUMPTION, inPeriod, request -> request.size(0)
                .aggregations("utility", a -> a.terms(t -> t.field("utility").size(10))
                        .aggregations("days", days)), Void.class);
        return response.aggregations().get("utility").sterms().buckets().array().stream()
                .map(DailyConsumption::series).toList();
    }

    private static Series series(StringTermsBucket bucket) {
        Utility utility = Utility.valueOf(bucket.key().stringValue());
        List<Day> days = bucket.aggregations().get("days").dateHistogram().buckets().array().stream()
                .map(DailyConsumption::day).toList();
        BigDecimal total = readable(days.stream().map(Day::quantity).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new Series(utility, utility.registerUnit(), total, days);
    }

    private static Day day(DateHistogramBucket bucket) {
        List<Charge> charges = bucket.aggregations().get("charges").filter().aggregations().get("currency").sterms()
                .buckets().array().stream()
                .map(c -> new Charge(c.key().stringValue(), exactLong(c.aggregations().get("amount"))))
                .toList();
        return new Day(LocalDate.parse(bucket.keyAsString()), readable(BigDecimal.valueOf(
                exactLong(bucket.aggregations().get("quantity")), ConsumptionProjection.QUANTITY_SCALE)), charges);
    }

    /** At least three decimals (Wh, litres), more only where the readings had them: "2.000", "1.2345". */
    static BigDecimal readable(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 3 ? stripped.setScale(3) : stripped;
    }

    /** Sums of longs come back as doubles: exact below 2^53, far above any day's millionths or minor units. */
    private static long exactLong(Aggregate sum) {
        return Math.round(sum.sum().value());
    }
}
