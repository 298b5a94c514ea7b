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
    public java.util.Map<AccountId, OccupantContact> findAll(TenantId tenant, java.util.Collection<AccountId> accounts) {
        java.util.Map<AccountId, OccupantContact> found = new java.util.HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select account_id, name, email, phone, webhook_url, channels from occupant_contact
                        where tenant_id = ? and account_id = any(?)""")
                .params(tenant.value(), accounts.stream().map(AccountId::value).toArray(String[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    AccountId account = new AccountId(rs.getString("account_id"));
                    found.put(account, new OccupantContact(tenant, account, rs.getString("name"),
                            rs.getString("email"), rs.getString("phone"), rs.getString("webhook_url") == null ? null
                            : URI.create(rs.getString("webhook_url")), channels(rs.getString("channels"))));
                });
        return found;
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
    public Optional<AlertChoice> alertChoice(TenantId tenant, AccountId account) {
        return jdbc.sql("""
                        select alert_channels, alert_email, alert_phone, alert_language, alert_token
                        from occupant_contact where tenant_id = ? and account_id = ? and alert_channels is not null""")
                .params(tenant.value(), account.value())
                .query((rs, row) -> new AlertChoice(channels(rs.getString("alert_channels")),
                        rs.getString("alert_email"), rs.getString("alert_phone"), rs.getString("alert_language"),
                        rs.getString("alert_token")))
                .optional();
    }

    @Override
    public AlertChoice chooseAlerts(TenantId tenant, AccountId account, AlertChoice choice) {
        AlertChoice kept = new AlertChoice(choice.channels(), choice.email(), choice.phone(), choice.language(),
                choice.any() ? UnsubscribeTokens.next() : null);
        jdbc.sql("""
                        insert into occupant_contact (tenant_id, account_id, channels, alert_channels, alert_email,
                            alert_phone, alert_language, alert_token, alert_chosen_at, updated_at)
                        values (?, ?, '', ?, ?, ?, ?, ?, now(), now())
                        on conflict (tenant_id, account_id) do update set alert_channels = excluded.alert_channels,
                            alert_email = excluded.alert_email, alert_phone = excluded.alert_phone,
                            alert_language = excluded.alert_language, alert_token = excluded.alert_token,
                            alert_chosen_at = now(), updated_at = now()""")
                .params(tenant.value(), account.value(),
                        kept.channels().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        kept.email(), kept.phone(), kept.language(), kept.token())
                .update();
        return kept;
    }

    @Override
    public Optional<AccountId> unsubscribe(TenantId tenant, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update occupant_contact set alert_channels = '', alert_email = null, alert_phone = null,
                            alert_token = null, alert_chosen_at = now(), updated_at = now()
                        where tenant_id = ? and alert_token = ? returning account_id""")
                .params(tenant.value(), token)
                .query((rs, row) -> new AccountId(rs.getString("account_id")))
                .optional();
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
