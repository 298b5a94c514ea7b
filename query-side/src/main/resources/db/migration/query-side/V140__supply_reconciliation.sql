-- The supply reconciler's read of the meter and account read models (issue 19): which meters, of every tenant, may
-- have a relay away from what their account intends. The meters then decide, each within its own tenant.

-- A command ended without an acknowledgement (abandoned after its last time-out, or replaced while pending): the meter
-- may have carried it out, so the confirmed state may be wrong until the next confirmation. Kept by
-- dashboard-projection as the Meter keeps it. Rows from before this column read false until a rebuild of
-- dashboard-projection replays the supply events.
alter table meter_view add column supply_in_doubt boolean not null default false;

-- The candidates are few (relays off or in doubt, depleted accounts), so both halves of the search are index scans.
create index meter_view_reconcile on meter_view (tenant_id, meter_id)
    where pending_command_id is null and (supply_in_doubt or supply_confirmed = 'OFF');
create index account_view_depleted on account_view (tenant_id, meter_id)
    where depleted and closed_at is null;

-- Row-level security hides every row until a tenant is set, and the reconciler works for all tenants. As for the
-- Stripe look-ups (V60, V100): the function below runs as the migration role, which may be a plain owner under FORCE
-- row-level security; these select-only policies let that role - never the application's runtime role - see the rows.
do
$$
    begin
        execute format('create policy meter_view_reconciliation on meter_view for select to %I using (true)',
                       current_user);
        execute format('create policy account_view_reconciliation on account_view for select to %I using (true)',
                       current_user);
    end
$$;

-- One narrow door across tenants: (tenant, meter) ids only, at most max_rows, after the given pair, in order. A meter
-- is named when no command is pending and its relay is in doubt, off while its open account is not depleted, or
-- on while its open account is depleted and the meter is not protected.
create or replace function supply_reconciliation_candidates(after_tenant varchar, after_meter varchar, max_rows int)
    returns table (tenant_id varchar, meter_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select c.tenant_id, c.meter_id
    from (select m.tenant_id, m.meter_id
          from ${flyway:defaultSchema}.meter_view m
                   join ${flyway:defaultSchema}.account_view a
                        on a.account_id = m.account_id and a.tenant_id = m.tenant_id
          where m.pending_command_id is null and (m.supply_in_doubt or m.supply_confirmed = 'OFF')
            and a.closed_at is null and (m.supply_in_doubt or not a.depleted)
          union
          select m.tenant_id, m.meter_id
          from ${flyway:defaultSchema}.account_view a
                   join ${flyway:defaultSchema}.meter_view m on m.tenant_id = a.tenant_id and m.meter_id = a.meter_id
          where a.depleted and a.closed_at is null and not a.protected
            and m.pending_command_id is null and m.supply_confirmed = 'ON') c
    where (c.tenant_id, c.meter_id) > (coalesce(after_tenant, ''), coalesce(after_meter, ''))
    order by c.tenant_id, c.meter_id
    limit max_rows
$fn$;
