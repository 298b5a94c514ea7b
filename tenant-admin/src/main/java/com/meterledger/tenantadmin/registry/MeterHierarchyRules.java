package com.meterledger.tenantadmin.registry;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterPlacement;
import com.meterledger.api.registry.MeterHierarchy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a master meter may feed the given sub-meters. Pure: the placements (property and utility of each meter the
 * tenant owns) and the sub-meter to master map of the tenant's other hierarchies are handed in.
 * <p>
 * Why each rule: a meter counted as its own sub-meter, or twice, or under two masters, would be subtracted twice and
 * hide a loss; a master under one of its own sub-meters makes a circle with no top; a water meter under an electricity
 * master subtracts m3 from kWh; a sub-meter in another building is not on the master's line.
 */
public final class MeterHierarchyRules {
    public static final String UNKNOWN = "meter-unknown";
    public static final String OWN_SUB_METER = "meter-own-sub-meter";
    public static final String LISTED_TWICE = "sub-meter-listed-twice";
    public static final String TWO_MASTERS = "sub-meter-under-two-masters";
    public static final String CIRCLE = "meter-hierarchy-circle";
    public static final String OTHER_PROPERTY = "meter-of-another-property";
    public static final String MIXED_UTILITIES = "meter-hierarchy-mixed-utilities";

    private MeterHierarchyRules() {
    }

    public sealed interface Verdict permits Allowed, Refused {
    }

    public record Allowed() implements Verdict {
    }

    /** @param field the request's field that broke the rule: {@code masterMeterId} or {@code subMeterIds[i]} */
    public record Refused(String field, String rule, String reason) implements Verdict {
    }

    /** What the meters are and where they stand: unknown ones, other buildings, other utilities. */
    public static Verdict judgePlacements(MeterHierarchy proposed, Map<MeterId, Optional<MeterPlacement>> placements) {
        Optional<MeterPlacement> master = placements.getOrDefault(proposed.master(), Optional.empty());
        if (master.isEmpty()) {
            return new Refused("masterMeterId", UNKNOWN, "no meter " + proposed.master() + " in this tenant");
        }
        if (!proposed.propertyId().equals(master.get().propertyId())) {
            return new Refused("masterMeterId", OTHER_PROPERTY, "meter " + proposed.master()
                    + " is not installed in property " + proposed.propertyId());
        }
        List<MeterId> subs = proposed.subMeters();
        for (int i = 0; i < subs.size(); i++) {
            String field = "subMeterIds[" + i + "]";
            Optional<MeterPlacement> sub = placements.getOrDefault(subs.get(i), Optional.empty());
            if (sub.isEmpty()) {
                return new Refused(field, UNKNOWN, "no meter " + subs.get(i) + " in this tenant");
            }
            if (!proposed.propertyId().equals(sub.get().propertyId())) {
                return new Refused(field, OTHER_PROPERTY, "meter " + subs.get(i) + " is not installed in property "
                        + proposed.propertyId());
            }
            if (sub.get().utility() != master.get().utility()) {
                return new Refused(field, MIXED_UTILITIES, "meter " + subs.get(i) + " measures "
                        + sub.get().utility() + ", the master " + master.get().utility());
            }
        }
        return new Allowed();
    }

    /**
     * The shape against the tenant's other hierarchies.
     *
     * @param masterOf every sub-meter of the tenant and its master, the proposed master's current sub-meters included
     */
    public static Verdict judgeShape(MeterHierarchy proposed, Map<MeterId, MeterId> masterOf) {
        List<MeterId> subs = proposed.subMeters();
        Set<MeterId> seen = new HashSet<>();
        for (int i = 0; i < subs.size(); i++) {
            String field = "subMeterIds[" + i + "]";
            MeterId sub = subs.get(i);
            if (sub.equals(proposed.master())) {
                return new Refused(field, OWN_SUB_METER, "meter " + sub + " cannot be its own sub-meter");
            }
            if (!seen.add(sub)) {
                return new Refused(field, LISTED_TWICE, "meter " + sub + " is listed twice");
            }
            MeterId other = masterOf.get(sub);
            if (other != null && !other.equals(proposed.master())) {
                return new Refused(field, TWO_MASTERS, "meter " + sub + " is already a sub-meter of " + other);
            }
        }
        // walking up from the master must never reach one of its new sub-meters
        Set<MeterId> above = new HashSet<>();
        for (MeterId up = masterOf.get(proposed.master()); up != null && above.add(up); up = masterOf.get(up)) {
            if (seen.contains(up)) {
                return new Refused("subMeterIds[" + subs.indexOf(up) + "]", CIRCLE, "meter " + up
                        + " is above " + proposed.master() + " already");
            }
        }
        return new Allowed();
    }
}
