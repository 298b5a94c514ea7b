package com.meterledger.gateway.notification;

import org.springframework.transaction.annotation.Transactional;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** {@link AccountDirectory} in table notification_account; idempotent, so replays are harmless. */
@Transactional
public class JdbcAccountDirectory implements AccountDirectory {
    private final JdbcClient jdbc;

    public JdbcAccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(TenantId tenant, AccountId account, MeterId meter, Instant openedAt) {
        jdbc.sql("""
                        insert into notification_account (tenant_id, account_id, meter_id, opened_at)
                        values (?, ?, ?, ?)
                        on conflict (tenant_id, account_id) do update set meter_id = excluded.meter_id,
                            opened_at = excluded.opened_at""")
                .params(tenant.value(), account.value(), meter.value(), Timestamp.from(openedAt))
                .update();
    }

    @Override
    public boolean knows(TenantId tenant, AccountId account) {
        return jdbc.sql("select count(*) from notification_account where tenant_id = ? and account_id = ?")
                .params(tenant.value(), account.value())
                .query(Long.class).single() > 0;
    }

    @Override
    public Optional<AccountId> accountOf(TenantId tenant, MeterId meter) {
        return jdbc.sql("""
                        select account_id from notification_account where tenant_id = ? and meter_id = ?
                        order by opened_at desc, account_id limit 1""")
                .params(tenant.value(), meter.value())
                .query((rs, row) -> new AccountId(rs.getString(1)))
                .optional();
    }
}
