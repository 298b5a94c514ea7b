-- channels (issues 15 item 4, 17): two sections of a tenant's settings, apart from tenant_settings so each changes on
-- its own. No row: the standard applies (occupants may choose e-mail and SMS, staff alerts go to the administrators;
-- SMS go under the platform's configured sender). Row-level security comes from afterMigrate, as for every tenant table.

-- Which channels the tenant offers its occupants for low-balance alerts (NotificationChannelsChanged), and the
-- address its staff alerts go to: the address is in no event, only here, and is erased when the tenant closes.
create table tenant_notification_channels (
    tenant_id           varchar(64)  not null primary key,
    occupant_email      boolean      not null,
    occupant_sms        boolean      not null,
    staff_alert_address varchar(254),
    changed_at          timestamptz  not null,
    constraint tenant_notification_channels_some check (occupant_email or occupant_sms)
);

-- The name the tenant's SMS go out under (SmsSenderNameChanged): a sender ID or a 【signature】.
create table tenant_sms_sender (
    tenant_id   varchar(64) not null primary key,
    sender_name varchar(64) not null,
    changed_at  timestamptz not null
);
