package com.meterledger.core.tariff;

import com.meterledger.api.tariff.TariffVersion;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All published versions of one tariff, oldest first, with the zone its days and billing periods start in.
 * Version {@code n} (1-based) is in force from its {@code effectiveFrom} (inclusive) until the next version's
 * (exclusive); before the first version nothing is in force.
 */
public record TariffTimeline(ZoneId zone, List<TariffVersion> versions) {

    /** A version with its number and the moment it stops being in force ({@code null}: not superseded yet). */
    public record InForce(int number, TariffVersion version, Instant until) {
    }

    public TariffTimeline {
        if (zone == null || versions == null) {
            throw new IllegalArgumentException("zone and versions are required");
        }
        versions = List.copyOf(versions);
        for (int i = 1; i < versions.size(); i++) {
            if (!versions.get(i).effectiveFrom().isAfter(versions.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("tariff versions must take effect in strictly increasing order");
            }
        }
    }

    public static TariffTimeline of(ZoneId zone, TariffVersion... versions) {
        return new TariffTimeline(zone, List.of(versions));
    }

    /** @return the version in force at {@code moment}: the last one whose effective-from is not after it */
    public Optional<InForce> versionAt(Instant moment) {
        int low = 0;
        int high = versions.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (versions.get(mid).effectiveFrom().isAfter(moment)) {
                high = mid - 1;
            } else {
                found = mid;
                low = mid + 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(inForce(found));
    }

    InForce inForce(int index) {
        Instant until = index + 1 < versions.size() ? versions.get(index + 1).effectiveFrom() : null;
        return new InForce(index + 1, versions.get(index), until);
    }

    public TariffTimeline with(TariffVersion next) {
        List<TariffVersion> all = new ArrayList<>(versions);
        all.add(next);
        return new TariffTimeline(zone, all);
    }
}
