-- The supply reconciler no longer asks meters that are backing off (issue 19): an unreachable meter whose command was
-- abandoned was named by every pass, and every pass loaded it and its account only for the meter to answer "not yet".
-- dashboard-projection keeps the meter's back-off as the Meter keeps it: SupplyRetryDeferred sets the abandoned action
-- and the moment the reconciler may issue it again; SupplyBackOffEnded, a confirmed command and a reading clear both.
-- Rows from before these columns read null (the meter is asked, and decides, as before) until its next deferral or a
-- rebuild of dashboard-projection replays the supply events.
alter table meter_view
    add column retry_action     varchar(16),
    add column retry_not_before timestamptz;

-- The function now takes the moment of the pass. A meter stays out of the answer while it waits to be sent the very
-- action its account intends as the read model has it (CUT when the account is depleted and the meter not protected,
-- else RESTORE); the meter's own back-off (SupplyBackOff) still judges every meter that is asked. A meter whose account
-- now intends the other action is named at once.
drop function supply_reconciliation_candidates(varchar, varchar, int);

create function supply_reconciliation_candidates(after_tenant varchar, after_meter varchar, max_rows int,
                                                 at timestamptz)
    returns table (tenant_id varchar, meter_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select c.tenant_id, c.meter_id
    from (select m.tenant_id, m.meter_id, m.retry_action, m.retry_not_before,
                 case when a.depleted and not a.protected then 'CUT' else 'RESTORE' end as intended
          from ${flyway:defaultSchema}.meter_view m
                   join ${flyway:defaultSchema}.account_view a
                        on a.account_id = m.account_id and a.tenant_id = m.tenant_id
          where m.pending_command_id is null and (m.supply_in_doubt or m.supply_confirmed = 'OFF')
            and a.closed_at is null and (m.supply_in_doubt or not a.depleted)
          union
          select m.tenant_id, m.meter_id, m.retry_action, m.retry_not_before, 'CUT'
          from ${flyway:defaultSchema}.account_view a
                   join ${flyway:defaultSchema}.meter_view m on m.tenant_id = a.tenant_id and m.meter_id = a.meter_id
          where a.depleted and a.closed_at is null and not a.protected
            and m.pending_command_id is null and m.supply_confirmed = 'ON') c
    where (c.tenant_id, c.meter_id) > (coalesce(after_tenant, ''), coalesce(after_meter, ''))
      and (c.retry_not_before is null or c.retry_not_before <= at or c.retry_action is distinct from c.intended)
    order by c.tenant_id, c.meter_id
    limit max_rows
$fn$;
