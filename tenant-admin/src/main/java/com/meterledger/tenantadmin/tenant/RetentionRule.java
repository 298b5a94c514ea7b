package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.TenantStatus;

import java.time.Instant;

/**
 * When what the platform keeps of a tenant may go: only a closed tenant, only once its {@code retain_until} (closing
 * plus the platform's financial retention, 10 years by default) has passed, and only once. A pure rule; the retention
 * job asks it for every closed tenant and the tenant aggregate holds the "once".
 */
public final class RetentionRule {
    private RetentionRule() {
    }

    public sealed interface Verdict permits Purge, Keep {
    }

    /** The retention period is over: delete the tenant's record. */
    public record Purge() implements Verdict {
    }

    /** Keep it, for this reason. */
    public record Keep(String reason) implements Verdict {
    }

    public static Verdict judge(TenantStatus status, Instant retainUntil, Instant purgedAt, Instant now) {
        if (status != TenantStatus.CLOSED) {
            return new Keep("the tenant is " + status + ", not closed");
        }
        if (purgedAt != null) {
            return new Keep("already purged at " + purgedAt);
        }
        if (retainUntil == null) {
            return new Keep("closed without a retention end");
        }
        if (now.isBefore(retainUntil)) {
            return new Keep("kept until " + retainUntil);
        }
        return new Purge();
    }
}
