package com.meterledger.query.adjustment;

import com.meterledger.api.account.AdjustmentAwaitingApproval;
import com.meterledger.api.account.AdjustmentRejected;
import com.meterledger.api.account.BalanceAdjusted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The approval queue's rows: an adjustment above the tenant's approval limit waits ({@code PENDING}) until a second
 * person approves it (the account's {@link BalanceAdjusted} names its approver) or rejects it. Keyed by the account
 * and the adjustment id, which the account never reuses, and a decision only moves a pending row: a redelivered or
 * replayed event changes nothing.
 */
@Component
@ProcessingGroup(AdjustmentQueueProjection.PROCESSING_GROUP)
public class AdjustmentQueueProjection {
    public static final String PROCESSING_GROUP = "adjustment-queue-projection";

    private final JdbcClient jdbc;

    public AdjustmentQueueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AdjustmentAwaitingApproval event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        jdbc.sql("""
                        insert into adjustment_queue (tenant_id, account_id, adjustment_id, amount_minor, currency,
                            reason, requested_by, requested_at, state)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING') on conflict do nothing""")
                .params(tenant, event.accountId().value(), event.adjustmentId(), event.amount().minorUnits(),
                        event.amount().currency().getCurrencyCode(), event.reason(), event.requestedBy(),
                        java.sql.Timestamp.from(at))
                .update();
    }

    /** An applied adjustment with an approver was a pending one; within the limit there is no row to move. */
    @EventHandler
    void on(BalanceAdjusted event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        if (event.approvedBy() != null) {
            decide(tenant, event.accountId().value(), event.adjustmentId(), "APPROVED", event.approvedBy(),
                    event.approvalNote(), at);
        }
    }

    @EventHandler
    void on(AdjustmentRejected event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        decide(tenant, event.accountId().value(), event.adjustmentId(), "REJECTED", event.rejectedBy(), event.note(),
                at);
    }

    private void decide(String tenant, String account, String adjustment, String state, String by, String note,
                        Instant at) {
        jdbc.sql("""
                        update adjustment_queue set state = ?, decided_by = ?, decided_at = ?, note = ?
                        where tenant_id = ? and account_id = ? and adjustment_id = ? and state = 'PENDING'""")
                .params(state, by, java.sql.Timestamp.from(at), note, tenant, account, adjustment)
                .update();
    }
}
