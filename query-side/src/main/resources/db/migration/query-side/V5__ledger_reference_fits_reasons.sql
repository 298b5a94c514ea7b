-- Refund and adjustment reasons may be 500 characters; the ledger line keeps them whole.
alter table account_ledger_line alter column reference type varchar(500);
