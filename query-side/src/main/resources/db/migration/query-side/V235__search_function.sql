-- The search box under row-level security (infra/perf lists: 240-340 ms p50 with 100,000 accounts): LIKE and lower()
-- are not leakproof, so PostgreSQL applies the tenant policy first and cannot use the trigram indexes of V230. This
-- function runs as the tables' owner, for whom a select-only policy lifts row-level security (as V140 does for the
-- supply reconciler; meter_view has that policy already), and binds the tenant itself: from the transaction's
-- app.tenant_id, never from a parameter, so a caller finds only its own tenant's rows, and nothing without a tenant.
do
$$
    begin
        execute format('create policy dashboard_account_search on dashboard_account for select to %I using (true)',
                       current_user);
    end
$$;

create or replace function search_accounts_and_meters(pattern varchar, exact varchar, scope varchar[], max_rows int)
    returns table (kind varchar, id varchar, property_id varchar, unit_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    (select cast('ACCOUNT' as varchar), d.account_id, d.property_id, cast(null as varchar)
     from ${flyway:defaultSchema}.dashboard_account d
     where d.tenant_id = current_setting('app.tenant_id', true) and lower(d.account_id) like pattern
       and (scope is null or d.property_id = any(scope))
     order by lower(d.account_id) = exact desc, d.account_id
     limit max_rows)
    union all
    (select cast('METER' as varchar), m.meter_id, m.property_id, m.unit_id
     from ${flyway:defaultSchema}.meter_view m
     where m.tenant_id = current_setting('app.tenant_id', true) and lower(m.meter_id) like pattern
       and (scope is null or m.property_id = any(scope))
     order by lower(m.meter_id) = exact desc, m.meter_id
     limit max_rows)
$fn$;
