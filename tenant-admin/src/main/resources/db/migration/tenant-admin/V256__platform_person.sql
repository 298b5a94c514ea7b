-- The platform's operators as people (issue 16 item 7): role PLATFORM_ADMIN, no tenant, so no membership and no
-- tenant column. Like staff_person, the address and the password hash live here, deletable, and the history
-- (PlatformPerson) names the person by id only. The lockout counters are the staff's, with the same back-off.
create table platform_person (
    person_id       uuid         not null primary key,
    name            varchar(200) not null,
    email           varchar(254) not null,
    password_hash   varchar(200) not null,
    state           varchar(16)  not null,
    failed_sign_ins int          not null default 0,
    lockouts        int          not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz  not null default now()
);
create unique index platform_person_email on platform_person (lower(email));
