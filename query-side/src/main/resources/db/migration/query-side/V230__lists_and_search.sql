-- Lists and search (issue 18, item 2; query-side com.meterledger.query.listing). Every sort key of the account and
-- meter lists has an index that starts with the tenant and ends with the row's id, so a page is an index walk that
-- stops after size + 1 rows however many rows the tenant holds (infra/perf lists: 100,000 accounts in one tenant).
create index dashboard_account_list_balance on dashboard_account (tenant_id, balance_minor, account_id);
create index dashboard_account_list_arrears on dashboard_account (tenant_id, arrears_minor, account_id);
create index dashboard_account_list_state on dashboard_account (tenant_id, state, account_id);
create index dashboard_account_list_property on dashboard_account (tenant_id, property_id, account_id);
-- supply off is a few percent of the accounts: without it, "supply off, newest reading first" hashed all of them
-- (89 ms p50 with 100,000 accounts, infra/perf lists)
create index dashboard_account_list_supply_off on dashboard_account (tenant_id, account_id) where supply_off;
-- never read sorts as the earliest moment (com.meterledger.query.listing.SqlList): first going up, last going down
create index meter_view_list_last_read on meter_view (tenant_id, last_read_at nulls first, meter_id);
create index meter_view_list_property on meter_view (tenant_id, property_id, meter_id);
create index meter_view_list_unit on meter_view (tenant_id, unit_id, meter_id);
create index meter_view_list_utility on meter_view (tenant_id, utility, meter_id);

-- The search box matches text anywhere in an id: trigram indexes make that an index lookup instead of a scan of every
-- row. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, which a database owner may create; where a
-- server lacks it, the search still answers the same, by scanning, and this migration says so instead of failing.
do
$$
    begin
        create extension if not exists pg_trgm;
    exception
        when others then raise notice 'pg_trgm is not available (%): the search scans instead', sqlerrm;
    end
$$;

do
$$
    begin
        if exists (select 1 from pg_extension where extname = 'pg_trgm') then
            create index dashboard_account_search on dashboard_account using gin (lower(account_id) gin_trgm_ops);
            create index meter_view_search on meter_view using gin (lower(meter_id) gin_trgm_ops);
        end if;
    end
$$;
