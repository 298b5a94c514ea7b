-- Platform operators as data (issue 16): an operator invites another by e-mail (a single-use link that expires,
-- only its SHA-256 stored, as the staff's), the invitee chooses a password, an operator deactivates another. An
-- invited operator has no password yet. No tenant column: operators belong to no tenant, so no row-level security.
alter table platform_person alter column password_hash drop not null;
alter table platform_person add column invited_at timestamptz;
alter table platform_person add column accepted_at timestamptz;
alter table platform_person add column changed_at timestamptz;

create table platform_invitation (
    token_hash  varchar(64) not null primary key,
    person_id   uuid        not null references platform_person (person_id) on delete cascade,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index platform_invitation_person on platform_invitation (person_id);

-- The operators' changes as their page and the platform's auditors read them: written in the transaction that sends
-- the change's command, so the row and the PlatformPerson event commit together. Ids and principals only.
create table platform_person_change (
    change_id  bigserial    not null primary key,
    person_id  uuid         not null,
    change     varchar(32)  not null,
    actor      varchar(200) not null,
    at         timestamptz  not null default now()
);
create index platform_person_change_at on platform_person_change (at desc);
