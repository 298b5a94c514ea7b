-- Sign-in that people expect (issue 16): lockout with back-off after repeated failures, and an optional TOTP second
-- factor. Both are facts about the person, kept in the deletable person table; the TOTP secret is never in an event.
alter table staff_person add column failed_sign_ins int not null default 0;
alter table staff_person add column locked_until timestamptz;
alter table staff_person add column lockouts int not null default 0;
alter table staff_person add column totp_secret varchar(64);
alter table staff_person add column totp_enrolled_at timestamptz;

-- A lockout is recorded in every tenant the person works for: sign-in knows the person before any tenant, and this
-- narrow door names their active memberships (tenant and member id) and nothing else.
create or replace function staff_members_of(person uuid)
    returns table (tenant_id varchar, member_id varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select m.tenant_id, m.member_id from ${flyway:defaultSchema}.staff_membership m
    where m.person_id = person and m.state = 'ACTIVE'
    order by m.tenant_id
$fn$;
