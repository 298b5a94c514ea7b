package com.meterledger.api.meter;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

import java.util.Set;

/**
 * Query: which of these meter ids are in use, in one answer ({@link MeterIdsInUse}) for a whole file of them (the bulk
 * import's dry run asked {@link OwnsMeter} and the event store once per row: 10,000 rows were 20,000 round trips).
 * An id the tenant's meter has is {@code ours}; an id held by anything else (another tenant's meter, or another kind
 * of aggregate) is {@code taken}, without saying whose, as {@code POST /api/meters} refuses it with {@code id-taken}.
 */
public record FindMeterIdsInUse(TenantId tenantId, Set<MeterId> meterIds) implements TenantScoped {
    public FindMeterIdsInUse {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
        meterIds = Set.copyOf(meterIds);
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }

    /** The answer: the ids of the tenant's own meters, and the ids held by anything else. */
    public record MeterIdsInUse(Set<MeterId> ours, Set<MeterId> taken) {
        public MeterIdsInUse {
            ours = Set.copyOf(ours);
            taken = Set.copyOf(taken);
        }
    }
}
