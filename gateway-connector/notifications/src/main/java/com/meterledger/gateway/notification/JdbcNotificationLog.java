package com.meterledger.gateway.notification;

import org.springframework.transaction.annotation.Transactional;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link NotificationLog} in table notification_log. Each write commits on its own (REQUIRES_NEW), independent of the
 * event processor's batch transaction: a claim must stay claimed even if the batch rolls back after the message left.
 */
public class JdbcNotificationLog implements NotificationLog {
    private static final int MAX_ERROR = 1000;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public JdbcNotificationLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public boolean claim(Notification n, Channel channel) {
        Integer inserted = ownTransaction.execute(status -> jdbc.sql("""
                        insert into notification_log (event_id, channel, tenant_id, account_id, kind, status, attempts,
                            created_at)
                        values (?, ?, ?, ?, ?, 'SENDING', 0, now())
                        on conflict (event_id, channel) do nothing""")
                .params(n.eventId(), channel.name(), n.tenant().value(), n.accountId().value(), n.kind().name())
                .update());
        return inserted != null && inserted == 1;
    }

    @Override
    public void sent(String eventId, Channel channel, int attempts) {
        finish(eventId, channel, Status.SENT, attempts, null);
    }

    @Override
    public void failed(String eventId, Channel channel, int attempts, String error) {
        String trimmed = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        finish(eventId, channel, Status.FAILED, attempts, trimmed);
    }

    @Override
    @Transactional
    public void forget(TenantId tenant, AccountId account) {
        jdbc.sql("update notification_log set last_error = null where tenant_id = ? and account_id = ?")
                .params(tenant.value(), account.value())
                .update();
    }

    private void finish(String eventId, Channel channel, Status status, int attempts, String error) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        update notification_log set status = ?, attempts = ?, last_error = ?, finished_at = now()
                        where event_id = ? and channel = ?""")
                .params(status.name(), attempts, error, eventId, channel.name())
                .update());
    }
}
