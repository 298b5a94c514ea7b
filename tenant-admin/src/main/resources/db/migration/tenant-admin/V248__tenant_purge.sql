-- Purge after retention (issue 15, leaving): when a closed tenant's retain_until has passed, the retention job
-- purges what the platform keeps of it; the tenant's row stays as a tombstone (its id is never given again).
alter table tenant add column purged_at timestamptz;

-- The retention job runs for no tenant: this narrow door names the closed tenants and when their record may go.
create or replace function closed_tenants()
    returns table (tenant_id varchar, status varchar, retain_until timestamptz, purged_at timestamptz)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select t.tenant_id, t.status, t.retain_until, t.purged_at
    from ${flyway:defaultSchema}.tenant t
    where t.status = 'CLOSED'
    order by t.retain_until
$fn$;
