-- When a tenant's administrator last took the person's second factor away (a lost phone): tokens issued before it are
-- refused (PersonAccess), as the person's stored authorizations are deleted, the same as after a password reset.
alter table staff_person add column second_factor_reset_at timestamptz;
