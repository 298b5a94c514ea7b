package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeNotificationChannels;
import com.meterledger.api.tenant.FindNotificationChannels;
import com.meterledger.api.tenant.FindSmsSenderName;
import com.meterledger.api.tenant.NotificationChannels;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.tenant.SmsSenderName;
import com.meterledger.api.tenant.SmsSenderNameChanged;
import com.meterledger.api.tenant.TenantRecordPurged;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * channels: tables {@code tenant_notification_channels} and {@code tenant_sms_sender}, two sections of a tenant's
 * settings. Read on every use (an occupant's page, each alert and SMS), so a change is in force on every node at once,
 * without a restart or a cache to expire.
 *
 * <p>The channels' row is written here, with its staff address, in the transaction that sends
 * {@link ChangeNotificationChannels}: the address is in no event, so no event handler could write it. A refused
 * command (a suspended tenant) rolls the row back with it. The sender name is written by its event, in the transaction
 * that stores it (the tenant directory's subscribing processor).
 */
@Component
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class TenantNotificationChannels {
    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    public TenantNotificationChannels(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /** Stores and records the tenant's channels; the same again changes nothing and records nothing. */
    @Transactional
    public NotificationChannels change(TenantId tenant, NotificationChannels channels) {
        if (channelsOf(tenant).equals(channels)) {
            return channels;
        }
        jdbc.sql("""
                        insert into tenant_notification_channels (tenant_id, occupant_email, occupant_sms,
                            staff_alert_address, changed_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set occupant_email = excluded.occupant_email,
                            occupant_sms = excluded.occupant_sms, staff_alert_address = excluded.staff_alert_address,
                            changed_at = excluded.changed_at""")
                .params(tenant.value(), channels.offers(OccupantChannel.EMAIL), channels.offers(OccupantChannel.SMS),
                        channels.staffAlertAddress(), Timestamp.from(clock.instant()))
                .update();
        commands.sendAndWait(new ChangeNotificationChannels(tenant, channels));
        return channels;
    }

    /** The tenant's channels: the standard ones while it never changed them. */
    @Transactional(readOnly = true)
    public NotificationChannels channelsOf(TenantId tenant) {
        return jdbc.sql("select * from tenant_notification_channels where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> {
                    Set<OccupantChannel> offered = EnumSet.noneOf(OccupantChannel.class);
                    if (rs.getBoolean("occupant_email")) {
                        offered.add(OccupantChannel.EMAIL);
                    }
                    if (rs.getBoolean("occupant_sms")) {
                        offered.add(OccupantChannel.SMS);
                    }
                    return new NotificationChannels(offered, rs.getString("staff_alert_address"));
                })
                .optional().orElseGet(NotificationChannels::standard);
    }

    /** In a transaction of its own, bound to the asked tenant (the notifier asks from an event processor's work). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public NotificationChannels find(FindNotificationChannels query) {
        return channelsOf(query.tenantId());
    }

    @EventHandler
    void on(SmsSenderNameChanged event) {
        jdbc.sql("""
                        insert into tenant_sms_sender (tenant_id, sender_name, changed_at) values (?, ?, ?)
                        on conflict (tenant_id) do update set sender_name = excluded.sender_name,
                            changed_at = excluded.changed_at""")
                .params(event.tenantId().value(), event.senderName().value(), Timestamp.from(event.at()))
                .update();
    }

    /** The tenant's sender name; empty while it never set one. */
    @Transactional(readOnly = true)
    public Optional<SmsSenderName> senderNameOf(TenantId tenant) {
        return jdbc.sql("select sender_name from tenant_sms_sender where tenant_id = ?").param(tenant.value())
                .query(String.class).optional().map(SmsSenderName::new);
    }

    /** In a transaction of its own, bound to the asked tenant (the SMS adapter asks as it sends). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<SmsSenderName> find(FindSmsSenderName query) {
        return senderNameOf(query.tenantId());
    }

    /** A closed tenant's staff address goes with its other personal data (the channels stay, for the record). */
    @EventHandler
    void on(TenantStatusChanged event) {
        if (event.to() == TenantStatus.CLOSED) {
            jdbc.sql("update tenant_notification_channels set staff_alert_address = null where tenant_id = ?")
                    .param(event.tenantId().value()).update();
        }
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        for (String table : java.util.List.of("tenant_notification_channels", "tenant_sms_sender")) {
            jdbc.sql("delete from " + table + " where tenant_id = ?").param(event.tenantId().value()).update();
        }
    }

    /** Whether the tenant is data (signed up here): only such a tenant can change these sections. */
    @Transactional(readOnly = true)
    public boolean tenantIsData(TenantId tenant) {
        return jdbc.sql("select count(*) from tenant where tenant_id = ?").param(tenant.value())
                .query(Long.class).single() > 0;
    }
}
