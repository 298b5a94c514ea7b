-- The tariff list's name filter through the search box's index path (issue 18). The list filtered with
-- lower(t.name) like ? under row-level security, which (V235, V270) cannot use the trigram index: LIKE and lower() are
-- not leakproof, so PostgreSQL read every tariff_view row of the tenant and threw away all but the matches (50,050
-- rows for three matches at 50,053 tariffs, infra/perf lists).
-- * tariff_name_contains: the rule that a tariff's name contains a LIKE pattern, case-insensitively; a plain SQL
--   expression, inlined where it is used, so an index on lower(name) still serves it.
-- * tariffs_matching: the caller's tenant's tariffs in scope whose name contains the pattern, or whose id contains the
--   id's pattern (the search box's; null for the list: a function's plan is made without its parameters' values, and
--   a null pattern makes the id index's scan empty at once, where a flag would still scan it). It runs as the table's
--   owner, for whom the select policy of V270 lifts row-level security so the trigram indexes serve LIKE, and binds
--   the tenant itself from the transaction's app.tenant_id, never from a parameter, as search_tariffs did (V270). At
--   most max_rows (null: all): a function's rows are all made before the query that calls it reads the first.
-- * search_tariffs keeps its signature and answers: that function's rows, an exact id first.
-- The list asks tariffs_matching for the ids of a few matches; where a name matches many tariffs it filters its rows
-- by tariff_name_contains instead, walking its sort key's index, which finds a page of dense matches at once.
create or replace function tariff_name_contains(name varchar, pattern varchar) returns boolean
    language sql immutable parallel safe as
$fn$
    select lower(name) like pattern
$fn$;

create or replace function tariffs_matching(name_pattern varchar, id_pattern varchar, scope varchar[], max_rows int)
    returns table (tariff_id varchar, name varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp
    rows 100 as
$fn$
    select t.tariff_id, t.name
    from ${flyway:defaultSchema}.tariff_view t
    where t.tenant_id = current_setting('app.tenant_id', true)
      and (${flyway:defaultSchema}.tariff_name_contains(t.name, name_pattern) or lower(t.tariff_id) like id_pattern)
      and (scope is null or t.account_id is null or t.property_id = any(scope))
    limit max_rows
$fn$;

create or replace function search_tariffs(pattern varchar, exact varchar, scope varchar[], max_rows int)
    returns table (tariff_id varchar, name varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select m.tariff_id, m.name
    from ${flyway:defaultSchema}.tariffs_matching(pattern, pattern, scope, null) m
    order by lower(m.tariff_id) = exact desc, m.tariff_id
    limit max_rows
$fn$;
