-- A property manager sees the tenant's shared tariffs and the own tariffs of the accounts in their properties, never
-- another property's (issue 18): an account opened with a flat price gets a private tariff whose id and name name the
-- account. tariff-projection keeps which account a private tariff belongs to from the tariff's creation on (its id and
-- name as OpenAccount.privateTariffOf and privateTariffName make them); null is a shared tariff. Rows projected before
-- this migration are matched here by the same name and the private tariffs' id prefix (an id too long for 'flat.' and
-- the account id is hashed, which SQL does not repeat); a rebuild of tariff-projection sets exactly the same.
alter table tariff_view add column account_id varchar(64);

-- The copy below covers every tenant: row-level security is forced even for the tables' owner, so it is lifted for
-- these tables here; the afterMigrate script (meterledger_apply_security) forces it again on every tenant table.
alter table tariff_view no force row level security;
alter table account_view no force row level security;

update tariff_view t
set account_id = a.account_id
from account_view a
where a.tenant_id = t.tenant_id
  and t.name = 'flat price of account ' || a.account_id
  and t.tariff_id like 'flat.%';

-- a manager's tariff list joins each private tariff to its account's property
create index tariff_view_account on tariff_view (tenant_id, account_id) where account_id is not null;
