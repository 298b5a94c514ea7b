-- Runs after every Flyway migrate (also when nothing was pending), as the migration user.
-- Creates the application's runtime role when this deployment manages it (local default and tests; production may
-- let a DBA create it and set meterledger.database.manage-runtime-role=false), keeps its password in step with
-- configuration, and puts every tenant table under row-level security (see V50) and every published view under its
-- reader's (V131).
do
$$
    begin
        if '${meterledger_manage_runtime_role}' = 'true' then
            if not exists (select 1 from pg_roles where rolname = '${meterledger_runtime_user}') then
                execute format('create role %I login nosuperuser nocreatedb nocreaterole nobypassrls password %L',
                               '${meterledger_runtime_user}', '${meterledger_runtime_password}');
            elsif '${meterledger_runtime_user}' <> current_user then
                execute format('alter role %I login nosuperuser nobypassrls password %L',
                               '${meterledger_runtime_user}', '${meterledger_runtime_password}');
            end if;
        end if;
    end
$$;

select meterledger_apply_security('${meterledger_runtime_user}');
select meterledger_apply_view_security('${meterledger_runtime_user}');
