-- Operator suspension vs billing suspension (issue 15, leaving2): the directory says why a tenant is suspended and
-- who did it. The operator's hold (its reason, the operator, since when) and billing's own status (what the tenant
-- would be without the operator: SUSPENDED after an unpaid invoice's grace period) are kept apart, so resuming by the
-- operator and paying each lift only their own suspension.
alter table tenant add column operator_hold_reason varchar(500);
alter table tenant add column operator_hold_actor varchar(200);
alter table tenant add column operator_hold_since timestamptz;
alter table tenant add column billing_status varchar(16);
alter table tenant add column billing_reason varchar(500);
alter table tenant add column billing_since timestamptz;
update tenant set billing_status = status, billing_reason = status_reason, billing_since = status_since;

-- The operator's console shows the causes too (still directory facts only).
drop function if exists platform_tenants();
create function platform_tenants()
    returns table (tenant_id varchar, organisation_name varchar, country char(2), currency char(3), status varchar,
                   status_reason varchar, status_since timestamptz, signed_up_at timestamptz,
                   operator_hold_reason varchar, operator_hold_actor varchar, operator_hold_since timestamptz,
                   billing_status varchar, billing_reason varchar, billing_since timestamptz)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select t.tenant_id, t.organisation_name, t.country, t.currency, t.status, t.status_reason, t.status_since,
           t.signed_up_at, t.operator_hold_reason, t.operator_hold_actor, t.operator_hold_since,
           t.billing_status, t.billing_reason, t.billing_since
    from ${flyway:defaultSchema}.tenant t
    order by t.signed_up_at desc
$fn$;
