-- Units for the search box, for the reason V235 (query-side) gives: a function that runs as the table's owner, for
-- whom a select-only policy lifts row-level security so the trigram indexes of V232 serve LIKE, bound to the
-- transaction's tenant (app.tenant_id), never to a parameter. Published to query-side like the registry's views.
do
$$
    begin
        execute format('create policy unit_search on unit for select to %I using (true)', current_user);
    end
$$;

create or replace function search_units(pattern varchar, exact varchar, scope varchar[], max_rows int)
    returns table (unit_id varchar, name varchar, property_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select u.unit_id, u.name, u.property_id
    from ${flyway:defaultSchema}.unit u
    where u.tenant_id = current_setting('app.tenant_id', true)
      and (lower(u.unit_id) like pattern or lower(u.name) like pattern)
      and (scope is null or u.property_id = any(scope))
    order by lower(u.unit_id) = exact desc, u.unit_id
    limit max_rows
$fn$;
