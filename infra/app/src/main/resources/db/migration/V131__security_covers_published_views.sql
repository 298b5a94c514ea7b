-- Published views (a module's read model for the others, e.g. registry_unit): the runtime role may read them, and
-- only as their invoker, so the row-level security of the tables underneath applies to whoever reads a view.

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
    for t in select c.relname
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema() and c.relkind = 'v'
        loop
            execute format('alter view %I.%I set (security_invoker = true)', current_schema(), t.relname);
            execute format('grant select on table %I.%I to %I', current_schema(), t.relname, runtime_role);
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
