package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * A closed tenant's retention period ended: every module deletes its rows of the tenant, and the event store the
 * tenant's events, all but the tenant's own stream (which holds no person's data and says when it closed and was
 * purged, so its id is never given to anyone else). The actor is in the metadata.
 */
public record TenantRecordPurged(TenantId tenantId, Instant retainedUntil, Instant at) {
    /** The one processor whose handlers, one per module, delete each module's rows of a purged tenant. */
    public static final String PROCESSING_GROUP = "tenant-purge";
}
