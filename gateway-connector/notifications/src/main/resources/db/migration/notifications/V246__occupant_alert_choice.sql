-- The occupant's own low-balance alerts (issue 17), chosen on the portal behind their payment link. Personal data,
-- so it lives beside the staff's contact data in the same deletable row: erasing the row erases it, and no event ever
-- holds an address. alert_channels null: the occupant never chose (the staff's channels apply); '' : they opted out.
-- alert_token opens the unsubscribe page from a message; it can only turn these alerts off.
alter table occupant_contact
    add column alert_channels  varchar(16),
    add column alert_email     varchar(254),
    add column alert_phone     varchar(20),
    add column alert_language  varchar(8),
    add column alert_token     varchar(64),
    add column alert_chosen_at timestamptz;
create unique index occupant_contact_alert_token on occupant_contact (tenant_id, alert_token)
    where alert_token is not null;
