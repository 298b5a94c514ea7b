package com.meterledger.gateway.notification;

import org.springframework.transaction.annotation.Transactional;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link OccupantContacts} in table occupant_contact; every statement filters by tenant. */
@Transactional
public class JdbcOccupantContacts implements OccupantContacts {
    private final JdbcClient jdbc;

    public JdbcOccupantContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<OccupantContact> find(TenantId tenant, AccountId account) {
        return jdbc.sql("""
                        select name, email, phone, webhook_url, channels from occupant_contact
                        where tenant_id = ? and account_id = ?""")
                .params(tenant.value(), account.value())
                .query((rs, row) -> new OccupantContact(tenant, account, rs.getString("name"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("webhook_url") == null ? null : URI.create(rs.getString("webhook_url")),
                        channels(rs.getString("channels"))))
                .optional();
    }

    @Override
    public void save(OccupantContact contact) {
        jdbc.sql("""
                        insert into occupant_contact (tenant_id, account_id, name, email, phone, webhook_url, channels,
                            updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (tenant_id, account_id) do update set name = excluded.name, email = excluded.email,
                            phone = excluded.phone, webhook_url = excluded.webhook_url, channels = excluded.channels,
                            updated_at = now()""")
                .params(contact.tenant().value(), contact.accountId().value(), contact.name(), contact.email(),
                        contact.phone(), contact.webhookUrl() == null ? null : contact.webhookUrl().toString(),
                        contact.channels().stream().map(Enum::name).collect(Collectors.joining(",")))
                .update();
    }

    @Override
    public boolean erase(TenantId tenant, AccountId account) {
        return jdbc.sql("delete from occupant_contact where tenant_id = ? and account_id = ?")
                .params(tenant.value(), account.value())
                .update() > 0;
    }

    @Override
    public int eraseAll(TenantId tenant) {
        return jdbc.sql("delete from occupant_contact where tenant_id = ?").param(tenant.value()).update();
    }

    private static Set<Channel> channels(String stored) {
        EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
        if (stored != null && !stored.isBlank()) {
            Arrays.stream(stored.split(",")).map(String::strip).map(Channel::valueOf).forEach(channels::add);
        }
        return channels;
    }
}
