-- Self-service password reset (issue 16): a mailed single-use link, expiring, of which only a SHA-256 is kept. A
-- person's password is theirs across tenants, so the link names no tenant; the row goes with the person.
create table staff_password_reset (
    token_hash char(64)    not null primary key,
    person_id  uuid        not null references staff_person on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index staff_password_reset_person on staff_password_reset (person_id);

-- When the person last chose a new password this way: tokens issued before it are refused (PersonAccess), as the
-- earlier authorizations are deleted.
alter table staff_person add column password_changed_at timestamptz;
