-- Accounts are priced by a tariff (issue 3, item 1): the read model keeps which one, so that a dry run of a new
-- tariff version can find the accounts it would affect (FindAccountsOnTariff).
alter table account_view add column tariff_id varchar(64);
create index account_view_tariff on account_view (tenant_id, tariff_id) where closed_at is null;

-- A charge line in a statement explains itself: the tariff's breakdown (version, tier/register/standing charge,
-- quantity x unit price = exact amount) as recorded in ConsumptionCharged.
alter table account_ledger_line add column breakdown jsonb;
