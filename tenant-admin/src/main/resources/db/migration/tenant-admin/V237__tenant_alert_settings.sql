-- A tenant's alert settings (issue 18, alerts inbox) as it last saved them (AlertSettingsChanged), apart from
-- tenant_settings so the two sections change independently. No row: the standard settings apply.
create table tenant_alert_settings (
    tenant_id                varchar(64) not null primary key,
    meter_not_read_hours     int         not null,
    rejected_readings        int         not null,
    rejected_window_hours    int         not null,
    zero_balance_hours       int         not null,
    arrears_above_minor      bigint      not null,
    consumption_drop_percent int         not null,
    line_loss_percent        int         not null,
    notify_staff             boolean     not null,
    changed_at               timestamptz not null
);
