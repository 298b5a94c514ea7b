-- Published views (a module's read model for the others, e.g. registry_unit): the runtime role may read them, and
-- only as their invoker, so the row-level security of the tables underneath applies to whoever reads a view.
-- Idempotent like meterledger_apply_security (V50), and run beside it after every migrate.

create or replace function meterledger_apply_view_security(runtime_role text) returns void
    language plpgsql as
$fn$
declare
    v record;
begin
    for v in select c.relname
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = current_schema() and c.relkind = 'v'
        loop
            execute format('alter view %I.%I set (security_invoker = true)', current_schema(), v.relname);
            execute format('grant select on table %I.%I to %I', current_schema(), v.relname, runtime_role);
        end loop;
end
$fn$;

revoke all on function meterledger_apply_view_security(text) from public;
