-- Security foundation (issue 4).
--
-- 1. meterledger_apply_security(role): the one place that puts tenant tables under row-level security and gives the
--    application's runtime role (a login that owns nothing) the rights it needs. It is idempotent and runs again
--    after every migrate (see afterMigrate__meterledger_security.sql), so a table someone adds later with a
--    tenant_id column is put under RLS without anyone remembering; TenantTableGuardTest fails the build if one
--    slips through anyway.
-- 2. The policy: a row is visible and writable only when its tenant_id equals the transaction's app.tenant_id
--    (set with set_config('app.tenant_id', ?, true) at the start of every transaction, and per event by the event
--    processors). No tenant set: no rows. FORCE applies it to the table owner too; only superusers and BYPASSRLS
--    roles (migrations, a DBA) see across tenants.
-- 3. Axon's tables have no tenant_id and stay outside RLS: the event store is shared and guarded by the aggregates.

create or replace function meterledger_apply_security(runtime_role text) returns void
    language plpgsql as
$fn$
declare
    t record;
begin
    execute format('grant usage on schema %I to %I', current_schema(), runtime_role);
    for t in select c.relname
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> '${flyway:table}'
        loop
            execute format('grant select, insert, update, delete on table %I.%I to %I', current_schema(), t.relname,
                           runtime_role);
        end loop;
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), runtime_role);
    execute format('revoke all on table %I.%I from %I', current_schema(), '${flyway:table}', runtime_role);
    for t in select distinct c.relname
             from pg_class c
                      join pg_namespace n on n.oid = c.relnamespace
                      join pg_attribute a on a.attrelid = c.oid
             where n.nspname = current_schema() and c.relkind in ('r', 'p')
               and a.attname = 'tenant_id' and not a.attisdropped
        loop
            execute format('alter table %I.%I enable row level security', current_schema(), t.relname);
            execute format('alter table %I.%I force row level security', current_schema(), t.relname);
            if not exists (select 1
                           from pg_policy p
                                    join pg_class c on c.oid = p.polrelid
                                    join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = current_schema() and c.relname = t.relname
                             and p.polname = 'tenant_isolation') then
                execute format($p$create policy tenant_isolation on %I.%I
                    using (tenant_id = current_setting('app.tenant_id', true))
                    with check (tenant_id = current_setting('app.tenant_id', true))$p$, current_schema(), t.relname);
            end if;
        end loop;
end
$fn$;

revoke all on function meterledger_apply_security(text) from public;
