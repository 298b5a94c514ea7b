-- Auditor tools and period reports (issue 7, items 4 and 5; query-side com.meterledger.query.audit / .report).

-- Every register value an account was charged from: the opening register of the account (AccountOpened) and each
-- accepted reading attributed to it (ReadingRecorded with this account). Kept by account-projection, so a rebuild
-- of that projection rebuilds it too. Period reports take their opening and closing register values from here.
create table account_register_line (
    account_id     varchar(64)    not null,
    meter_id       varchar(64)    not null,
    read_at        timestamptz    not null,
    tenant_id      varchar(64)    not null,
    register_value numeric(15, 3) not null,
    consumption    numeric(15, 3) not null,
    opening        boolean        not null default false,
    primary key (account_id, read_at, meter_id)
);
create index account_register_line_tenant on account_register_line (tenant_id, account_id, read_at);

-- Period reports per property join accounts to units; the ledger's booking time is the money period's time axis.
create index account_view_tenant_unit on account_view (tenant_id, unit_id);

-- A projection rebuild starts from empty tables. The tables are shared by all tenants and, under row-level security,
-- a DELETE by the application's runtime role would only see the rows of the tenant set in its transaction (none
-- while a processor resets). TRUNCATE ignores row-level security but needs the table owner: this function runs as
-- its owner (the migration user) and does exactly one thing. Only account-projection's @ResetHandler calls it,
-- and only a platform operation (POST /api/audit/projections/account-projection/rebuild) resets that processor.
create or replace function meterledger_reset_account_projection() returns void
    language sql
    security definer
    set search_path from current
as
$$
truncate table account_view, account_ledger_line, account_register_line;
$$;
