-- One account state (issue 14, item 4): the account page, the API and the dashboard work an account's standing,
-- supply and arrears out with com.meterledger.api.account.AccountState from the same facts. Arrears are no longer
-- stored as such in account_view (it kept only the arrears stated at closing, so an open account's overdraft and
-- any registered debt showed as 0.00 there while the dashboard counted them): both read models keep the outstanding
-- debt instead, and the dashboard keeps the pending supply command beside the confirmed position.
alter table account_view add column debt_minor bigint not null default 0;
alter table dashboard_account add column supply_pending varchar(16);
-- supply events find an account's row by its meter; a new account looks up its meter's previous account
create index account_view_meter on account_view (meter_id);

-- The copies below cover every tenant: row-level security is forced even for the tables' owner, so it is lifted for
-- them here; the afterMigrate script (meterledger_apply_security) forces it again on every tenant table.
alter table account_view no force row level security;
alter table dashboard_account no force row level security;
alter table dashboard_figure no force row level security;
alter table meter_view no force row level security;

update account_view a set debt_minor = d.debt_minor
from dashboard_account d
where d.tenant_id = a.tenant_id and d.account_id = a.account_id and d.debt_minor <> 0;

update dashboard_account d set supply_pending = m.pending_action
from meter_view m
where m.tenant_id = d.tenant_id and m.meter_id = d.meter_id and m.pending_action is not null;

-- A closed account owes its overdraft and its outstanding debt, as an open one does (the closing arrears left the
-- debt out): the accounts this changes, and their properties' arrears figures, move by the difference.
with changed as (
    update dashboard_account d
    set arrears_minor = greatest(0, -d.balance_minor) + d.debt_minor
    from dashboard_account before
    where before.tenant_id = d.tenant_id and before.account_id = d.account_id
      and d.closed and d.state <> 'NEW' and d.arrears_minor <> greatest(0, -d.balance_minor) + d.debt_minor
    returning d.tenant_id, d.property_id, d.currency, d.arrears_minor - before.arrears_minor as difference)
update dashboard_figure f
set amount = f.amount + c.difference
from (select tenant_id, property_id, currency, sum(difference) as difference
      from changed where property_id is not null group by 1, 2, 3) c
where f.tenant_id = c.tenant_id and f.property_id = c.property_id and f.period = ''
  and f.figure = 'arrears:' || c.currency;

alter table account_view drop column arrears_minor;
alter table dashboard_account drop column closed_arrears_minor;
