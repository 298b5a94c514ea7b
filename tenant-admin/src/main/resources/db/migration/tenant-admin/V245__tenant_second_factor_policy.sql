-- access (issue 16): whether a tenant requires a second factor of its administrators and finance staff, as it last
-- saved it (SecondFactorPolicyChanged), apart from tenant_settings so the sections change independently. No row: not
-- required. Read at sign-in, for the tenant the person signs in to.
create table tenant_second_factor_policy (
    tenant_id                varchar(64) not null primary key,
    required_for_admin_and_finance boolean not null,
    changed_at               timestamptz not null
);
