-- Tariffs for the search box, for the reason V235 gives: LIKE and lower() are not leakproof, so under row-level
-- security PostgreSQL scanned every tariff_view row of the tenant (113-149 ms p50 with 50,000 accounts' own flat
-- tariffs, infra/perf lists). Trigram indexes on the id and the name, and a function that runs as the table's owner
-- (for whom a select-only policy lifts row-level security, so the indexes serve LIKE) and binds the tenant itself: from
-- the transaction's app.tenant_id, never from a parameter. A property manager's scope is the row's own condition: a
-- shared tariff, or an account's own one whose property (V269) is theirs, as the tariff list shows them.
do
$$
    begin
        execute format('create policy tariff_view_search on tariff_view for select to %I using (true)', current_user);
        if exists (select 1 from pg_extension where extname = 'pg_trgm') then
            create index tariff_view_search_id on tariff_view using gin (lower(tariff_id) gin_trgm_ops);
            create index tariff_view_search_name on tariff_view using gin (lower(name) gin_trgm_ops);
        end if;
    end
$$;

create or replace function search_tariffs(pattern varchar, exact varchar, scope varchar[], max_rows int)
    returns table (tariff_id varchar, name varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select t.tariff_id, t.name
    from ${flyway:defaultSchema}.tariff_view t
    where t.tenant_id = current_setting('app.tenant_id', true)
      and (lower(t.tariff_id) like pattern or lower(t.name) like pattern)
      and (scope is null or t.account_id is null or t.property_id = any(scope))
    order by lower(t.tariff_id) = exact desc, t.tariff_id
    limit max_rows
$fn$;
