-- The seed's KPIs (issue 18, item 6). dashboard-projection counts, per property and day, the control commands the
-- meters carried out and those that ended without (figures commands:confirmed and commands:missed of the day's
-- period in dashboard_figure), and keeps the commands that missed here, so the pages can name the meters. Commands
-- that ended before this migration count once dashboard-projection is rebuilt.
create table dashboard_command_miss (
    tenant_id   varchar(64) not null,
    property_id varchar(64) not null,
    day         varchar(10) not null,
    meter_id    varchar(64) not null,
    command_id  varchar(64) not null,
    action      varchar(16) not null,
    reason      varchar(16) not null,
    ended_at    timestamptz not null,
    primary key (tenant_id, command_id)
);
create index dashboard_command_miss_day on dashboard_command_miss (tenant_id, property_id, day);

-- Collection completeness counts a property's meters that supply an account and were read in the last 24 hours.
create index meter_view_collection on meter_view (tenant_id, property_id, last_read_at) where account_id is not null;

-- dashboard-projection's reset empties the new table too (see V80 for why this is a security-definer TRUNCATE).
create or replace function meterledger_reset_dashboard_projection() returns void
    language sql
    security definer
    set search_path from current
as
$$
truncate table meter_view, dashboard_account, dashboard_figure, dashboard_meter_month, dashboard_command_miss;
$$;
