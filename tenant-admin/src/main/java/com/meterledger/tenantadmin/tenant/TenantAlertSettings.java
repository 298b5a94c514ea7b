package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.AlertSettingsChanged;
import com.meterledger.api.tenant.FindAlertSettings;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * Table {@code tenant_alert_settings}: a tenant's alert settings, written in the transaction that stores the tenant's
 * event (the tenant directory's subscribing processor), read by the alert evaluator of every node on each pass.
 */
@Component
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class TenantAlertSettings {
    private final JdbcClient jdbc;

    public TenantAlertSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AlertSettingsChanged event) {
        AlertSettings s = event.settings();
        jdbc.sql("""
                        insert into tenant_alert_settings (tenant_id, meter_not_read_hours, rejected_readings,
                            rejected_window_hours, zero_balance_hours, arrears_above_minor, consumption_drop_percent,
                            line_loss_percent, notify_staff, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set meter_not_read_hours = excluded.meter_not_read_hours,
                            rejected_readings = excluded.rejected_readings,
                            rejected_window_hours = excluded.rejected_window_hours,
                            zero_balance_hours = excluded.zero_balance_hours,
                            arrears_above_minor = excluded.arrears_above_minor,
                            consumption_drop_percent = excluded.consumption_drop_percent,
                            line_loss_percent = excluded.line_loss_percent, notify_staff = excluded.notify_staff,
                            changed_at = excluded.changed_at""")
                .params(event.tenantId().value(), s.meterNotReadHours(), s.rejectedReadings(),
                        s.rejectedWindowHours(), s.zeroBalanceHours(), s.arrearsAboveMinor(),
                        s.consumptionDropPercent(), s.lineLossPercent(), s.notifyStaff(), Timestamp.from(event.at()))
                .update();
    }

    /** In a transaction of its own, bound to the asked tenant (a pass of the evaluator asks from outside a request). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<AlertSettings> find(FindAlertSettings query) {
        return settingsOf(query.tenantId());
    }

    /** The tenant's saved settings; empty while it never changed them. */
    @Transactional(readOnly = true)
    public Optional<AlertSettings> settingsOf(TenantId tenant) {
        return jdbc.sql("select * from tenant_alert_settings where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> new AlertSettings(rs.getInt("meter_not_read_hours"),
                        rs.getInt("rejected_readings"), rs.getInt("rejected_window_hours"),
                        rs.getInt("zero_balance_hours"), rs.getLong("arrears_above_minor"),
                        rs.getInt("consumption_drop_percent"), rs.getInt("line_loss_percent"),
                        rs.getBoolean("notify_staff")))
                .optional();
    }

    /** Whether the tenant is data (signed up here): only such a tenant can change its settings. */
    @Transactional(readOnly = true)
    public boolean tenantIsData(TenantId tenant) {
        return jdbc.sql("select count(*) from tenant where tenant_id = ?").param(tenant.value())
                .query(Long.class).single() > 0;
    }
}
