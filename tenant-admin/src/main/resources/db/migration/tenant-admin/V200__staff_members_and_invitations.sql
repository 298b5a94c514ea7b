-- People as data (issue 16): each membership of a person in a tenant is a StaffMember history (its id here), with a
-- state of its own, so that a tenant deactivates its member without touching the person's other tenants.
alter table staff_membership add column member_id varchar(64);
update staff_membership set member_id = 'sm-' || substr(md5(tenant_id || ':' || person_id::text), 1, 20)
    where member_id is null;
alter table staff_membership alter column member_id set not null;
create unique index staff_membership_member on staff_membership (member_id);
-- INVITED (the link is not opened yet), ACTIVE, DEACTIVATED
alter table staff_membership add column state varchar(16) not null default 'ACTIVE';
alter table staff_membership add column invited_at timestamptz;
alter table staff_membership add column changed_at timestamptz;
alter table staff_membership add column accepted_at timestamptz;

-- The single-use links that invite a person into a tenant. Only a SHA-256 of the link's secret is kept.
create table staff_invitation (
    tenant_id  varchar(64) not null,
    token_hash char(64)    not null primary key,
    person_id  uuid        not null references staff_person,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index staff_invitation_person on staff_invitation (tenant_id, person_id);

-- Sign-in sees a person's active memberships only: a deactivated or not yet accepted one signs in nowhere.
create or replace function staff_sign_in(person_email text, person uuid)
    returns table (person_id uuid, name varchar, password_hash varchar, state varchar, tenant_id varchar,
                   roles varchar[], properties varchar[], tenant_status varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select p.person_id, p.name, p.password_hash, p.state, m.tenant_id, m.roles, m.properties, t.status
    from ${flyway:defaultSchema}.staff_person p
             left join ${flyway:defaultSchema}.staff_membership m on m.person_id = p.person_id and m.state = 'ACTIVE'
             left join ${flyway:defaultSchema}.tenant t on t.tenant_id = m.tenant_id
    where (person_email is not null and lower(p.email) = lower(person_email))
       or (person is not null and p.person_id = person)
    order by m.tenant_id
$fn$;
