package com.meterledger.query.tariff;

import com.meterledger.edge.tenancy.TenantSession;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The changes of the open accounts per tariff and property ({@code tariff_property_accounts}) that one batch of
 * tariff-projection makes, added up and written when the batch commits, as its last writes: per tenant in the order of
 * the tenants' ids, each tenant's rows in one statement in the order of their keys.
 * <p>
 * Why: every move of an account updates two count rows, one down and one up. Written as the events came, two segments
 * moving accounts between the same two tariffs in opposite directions (or opening accounts on two tariffs in opposite
 * order) locked the same rows in opposite orders, and PostgreSQL broke the deadlock by failing one batch. Now every
 * batch locks the count rows in one order, after everything else it writes, so no two batches can wait on each other
 * over them. The counts only add up and nothing in the projection reads them, so writing them later changes no row.
 */
final class OpenAccountCounts {
    private static final String RESOURCE = OpenAccountCounts.class.getName();
    /** Rows in key order, the locks' order; the database sorts by the same keys in the same statement. */
    private static final String ADD = """
            insert into tariff_property_accounts (tenant_id, tariff_id, property_id, open_accounts)
            select cast(? as varchar), v.tariff_id, v.property_id, v.delta
            from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as bigint[]))
                as v(tariff_id, property_id, delta)
            order by v.tariff_id, v.property_id
            on conflict (tenant_id, tariff_id, property_id)
            do update set open_accounts = tariff_property_accounts.open_accounts + excluded.open_accounts""";

    /** tenant → (tariff, property) → change */
    private final SortedMap<String, SortedMap<TariffProperty, Long>> changes = new TreeMap<>();

    private record TariffProperty(String tariffId, String propertyId) implements Comparable<TariffProperty> {
        @Override
        public int compareTo(TariffProperty other) {
            int byTariff = tariffId.compareTo(other.tariffId);
            return byTariff != 0 ? byTariff : propertyId.compareTo(other.propertyId);
        }
    }

    private OpenAccountCounts() {
    }

    /**
     * Adds {@code delta} to the open accounts of a tariff in a property ('' where the property is not known): in the
     * batch of the current unit of work, or at once outside one.
     */
    static void add(JdbcTemplate jdbc, String tenant, String tariff, String property, long delta) {
        OpenAccountCounts counts;
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            counts = root.getOrComputeResource(RESOURCE, key -> {
                OpenAccountCounts created = new OpenAccountCounts();
                root.onPrepareCommit(unitOfWork -> created.write(jdbc));
                return created;
            });
        } else {
            counts = new OpenAccountCounts();
        }
        counts.changes.computeIfAbsent(tenant, t -> new TreeMap<>())
                .merge(new TariffProperty(tariff, property == null ? "" : property), delta, Long::sum);
        if (!CurrentUnitOfWork.isStarted()) {
            counts.write(jdbc);
        }
    }

    /** One statement per tenant, with the transaction set to that tenant (row-level security). */
    private void write(JdbcTemplate jdbc) {
        for (Map.Entry<String, SortedMap<TariffProperty, Long>> tenant : changes.entrySet()) {
            List<String> tariffs = new ArrayList<>();
            List<String> properties = new ArrayList<>();
            List<Long> deltas = new ArrayList<>();
            tenant.getValue().forEach((key, delta) -> {
                if (delta != 0) {
                    tariffs.add(key.tariffId());
                    properties.add(key.propertyId());
                    deltas.add(delta);
                }
            });
            if (deltas.isEmpty()) {
                continue;
            }
            TenantSession.switchTo(jdbc, tenant.getKey());
            jdbc.update(ADD, tenant.getKey(), tariffs.toArray(String[]::new), properties.toArray(String[]::new),
                    deltas.toArray(Long[]::new));
        }
        changes.clear();
    }
}
