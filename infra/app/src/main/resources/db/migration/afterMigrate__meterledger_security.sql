-- Runs after every Flyway migrate (also when nothing was pending), as the migration user.
-- Creates the application's runtime role when this deployment manages it (local default and tests; production may
-- let a DBA create it and set meterledger.database.manage-runtime-role=false), keeps its password in step with
-- configuration, and puts every tenant table under row-level security (see V50) and every published view under its
-- reader's (V131).
-- The migration user need not be a superuser: LOGIN CREATEROLE and owning the database are enough (README,
-- "Production"). So an existing runtime role is altered only where it must be: its password and LOGIN always (a
-- CREATEROLE owner may), SUPERUSER or BYPASSRLS only if someone gave it one (which takes a superuser, and should stop
-- the start until a DBA takes it away). Re-stating NOSUPERUSER NOBYPASSRLS on every start made every start after the
-- first fail for such an owner ("must be superuser to alter superuser roles", issue 19).
do
$$
    declare
        too_mighty boolean;
    begin
        if '${meterledger_manage_runtime_role}' = 'true' then
            select rolsuper or rolbypassrls into too_mighty
            from pg_roles where rolname = '${meterledger_runtime_user}';
            if not found then
                execute format('create role %I login nosuperuser nocreatedb nocreaterole nobypassrls password %L',
                               '${meterledger_runtime_user}', '${meterledger_runtime_password}');
            elsif '${meterledger_runtime_user}' <> current_user then
                if too_mighty then
                    execute format('alter role %I nosuperuser nobypassrls', '${meterledger_runtime_user}');
                end if;
                execute format('alter role %I login password %L',
                               '${meterledger_runtime_user}', '${meterledger_runtime_password}');
            end if;
        end if;
    end
$$;

select meterledger_apply_security('${meterledger_runtime_user}');
select meterledger_apply_view_security('${meterledger_runtime_user}');
