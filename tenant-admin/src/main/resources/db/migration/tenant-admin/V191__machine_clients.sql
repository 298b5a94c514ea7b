-- Machine clients as data. oauth2_registered_client is Spring Authorization Server's own table, as its DDL ships in
-- the spring-security-oauth2-authorization-server jar (client/oauth2-registered-client-schema.sql), with the
-- PostgreSQL changes it asks for (timestamp -> timestamptz) and a unique client_id (it is looked up by it). It holds
-- the issuer's view of every client: the configured ones seeded at start and the ones tenants' administrators make;
-- client_secret holds a hash only ({bcrypt}...). Read by JdbcRegisteredClientRepository.
create table oauth2_registered_client (
    id                            varchar(100)  not null,
    client_id                     varchar(100)  not null,
    client_id_issued_at           timestamptz   default current_timestamp not null,
    client_secret                 varchar(200)  default null,
    client_secret_expires_at      timestamptz   default null,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null,
    primary key (id),
    constraint oauth2_registered_client_client_id unique (client_id)
);

-- A tenant's own machine clients (API and gateway clients made through /api/tenant/clients): who made them, for
-- what, and when their secret changed or their access ended. Under row-level security like every tenant table.
create table machine_client (
    tenant_id         varchar(64)  not null,
    client_id         varchar(100) not null,
    kind              varchar(16)  not null check (kind in ('API', 'GATEWAY')),
    name              varchar(200) not null,
    roles             text[]       not null,
    properties        text[]       not null,
    created_by        varchar(200) not null,
    created_at        timestamptz  not null,
    secret_rotated_at timestamptz  not null,
    revoked_at        timestamptz,
    revoked_by        varchar(200),
    primary key (tenant_id, client_id),
    constraint machine_client_client_id unique (client_id)
);
