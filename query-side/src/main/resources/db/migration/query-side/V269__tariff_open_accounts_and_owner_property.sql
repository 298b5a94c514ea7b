-- The tariff list at 100,000 accounts (issue 18, infra/perf lists): counting a tariff's open accounts per row as the
-- page is read took 148 ms p50 for three shared tariffs of ~16,600 accounts each, and a manager's page joined every
-- private tariff to its account's property. tariff-projection now keeps both as the events arrive:
-- * tariff_account: the projection's own record of each account (its tariff, its property when opened, open or not),
--   so an account opened, re-priced (TariffAssigned) or closed moves the counts once, however often it is delivered;
-- * tariff_property_accounts: open accounts per tariff and property ('' for an account whose unit was not yet known
--   when it was opened), so a tariff's count is the sum of a few rows, a manager's of their properties' rows only. The
--   counts are rows of their own, not a column of tariff_view, so an account opened before its tariff's row exists (the
--   two aggregates may be read in different segments) is counted all the same;
-- * tariff_view.property_id: the property (when opened) of the account whose private tariff it is, so a manager's scope is a
--   condition on the row itself (index tariff_view_owner_property).
-- All three are emptied by meterledger_reset_tariff_projection and rebuilt by a replay to the same figures; rows of
-- today are filled below from account-projection's and dashboard-projection's rows, as a replay would set them.
alter table tariff_view add column property_id varchar(64);

create table tariff_account (
    tenant_id   varchar(64) not null,
    account_id  varchar(64) not null,
    tariff_id   varchar(64) not null,
    property_id varchar(64),
    open        boolean     not null,
    primary key (tenant_id, account_id)
);

create table tariff_property_accounts (
    tenant_id     varchar(64) not null,
    tariff_id     varchar(64) not null,
    property_id   varchar(64) not null,
    open_accounts bigint      not null,
    primary key (tenant_id, tariff_id, property_id)
);

create index tariff_view_owner_property on tariff_view (tenant_id, property_id, tariff_id) where account_id is not null;

-- the copy covers every tenant (see V266): row-level security is lifted for these tables here and forced again by
-- the afterMigrate script
alter table tariff_view no force row level security;
alter table account_view no force row level security;
alter table dashboard_account no force row level security;

insert into tariff_account (tenant_id, account_id, tariff_id, property_id, open)
select a.tenant_id, a.account_id, a.tariff_id, d.property_id, a.closed_at is null
from account_view a
         left join dashboard_account d on d.tenant_id = a.tenant_id and d.account_id = a.account_id
where a.tariff_id is not null;

insert into tariff_property_accounts (tenant_id, tariff_id, property_id, open_accounts)
select tenant_id, tariff_id, coalesce(property_id, ''), count(*)
from tariff_account
where open
group by tenant_id, tariff_id, coalesce(property_id, '');

update tariff_view t
set property_id = a.property_id
from tariff_account a
where t.account_id is not null
  and a.tenant_id = t.tenant_id
  and a.account_id = t.account_id;

create or replace function meterledger_reset_tariff_projection() returns void
    language sql
    security definer
    set search_path from current
as
$$
truncate table tariff_view, tariff_version_view, tariff_account, tariff_property_accounts;
$$;
