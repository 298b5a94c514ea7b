-- Tenants as data (issue 15) and the people who sign in for them (the start of issue 16).

-- The tenant directory: one row per tenant, projected from the Tenant aggregate's events in the same transaction.
-- Under row-level security like every tenant table: a tenant sees its own row only.
create table tenant (
    tenant_id         varchar(64)  not null primary key,
    organisation_name varchar(200) not null,
    country           char(2)      not null,
    currency          char(3)      not null,
    zone              varchar(64)  not null,
    language          varchar(8)   not null,
    status            varchar(16)  not null,
    status_reason     varchar(500),
    status_since      timestamptz  not null,
    signed_up_at      timestamptz  not null
);

-- Sign-up must know whether a slug is taken before it knows any tenant: this narrow door answers that and nothing
-- else (the event store's own uniqueness settles a race).
create or replace function tenant_slug_taken(slug text) returns boolean
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select exists (select 1 from ${flyway:defaultSchema}.tenant t where t.tenant_id = slug)
$fn$;

-- The platform's operator console lists every tenant (directory facts only: no person, no tenant's business data).
create or replace function platform_tenants()
    returns table (tenant_id varchar, organisation_name varchar, country char(2), currency char(3), status varchar,
                   status_reason varchar, status_since timestamptz, signed_up_at timestamptz)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select t.tenant_id, t.organisation_name, t.country, t.currency, t.status, t.status_reason, t.status_since,
           t.signed_up_at
    from ${flyway:defaultSchema}.tenant t
    order by t.signed_up_at desc
$fn$;

-- People (personal data: erasable, never in an event). A person is global, so one e-mail signs in for every tenant
-- it belongs to; what a person may do in a tenant is its membership there.
create table staff_person (
    person_id     uuid         not null primary key,
    name          varchar(200) not null,
    email         varchar(254) not null,
    password_hash varchar(200),
    state         varchar(16)  not null,
    created_at    timestamptz  not null default now()
);
create unique index staff_person_email on staff_person (lower(email));

create table staff_membership (
    tenant_id  varchar(64)   not null,
    person_id  uuid          not null references staff_person,
    roles      varchar(32)[] not null,
    properties varchar(64)[] not null default '{}',
    primary key (tenant_id, person_id)
);

-- The single-use links that verify a new administrator's e-mail. Only a SHA-256 of the link's secret is kept.
create table signup_verification (
    tenant_id  varchar(64) not null,
    token_hash char(64)    not null primary key,
    person_id  uuid        not null references staff_person,
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- A tenant's settings as it last saved them (TenantSettingsChanged), read by every node on each use: a change is in
-- force everywhere without a restart.
create table tenant_settings (
    tenant_id            varchar(64)  not null primary key,
    zone                 varchar(64)  not null,
    language             varchar(8)   not null,
    night_start          time         not null,
    night_end            time         not null,
    weekends             boolean      not null,
    holidays             date[]       not null,
    payment_minimum      bigint       not null,
    payment_maximum      bigint       not null,
    payment_presets      bigint[]     not null,
    approval_limit       bigint       not null,
    sms_sender_name      varchar(20)  not null,
    changed_at           timestamptz  not null
);

-- Sign-in knows an e-mail before it knows a tenant: this narrow door answers, for one person, their password hash,
-- state and every membership with its tenant's status, and nothing about anyone else.
create or replace function staff_sign_in(person_email text, person uuid)
    returns table (person_id uuid, name varchar, password_hash varchar, state varchar, tenant_id varchar,
                   roles varchar[], properties varchar[], tenant_status varchar)
    language sql stable security definer set search_path = pg_catalog, pg_temp as
$fn$
    select p.person_id, p.name, p.password_hash, p.state, m.tenant_id, m.roles, m.properties, t.status
    from ${flyway:defaultSchema}.staff_person p
             left join ${flyway:defaultSchema}.staff_membership m on m.person_id = p.person_id
             left join ${flyway:defaultSchema}.tenant t on t.tenant_id = m.tenant_id
    where (person_email is not null and lower(p.email) = lower(person_email))
       or (person is not null and p.person_id = person)
    order by m.tenant_id
$fn$;
