-- Bulk import jobs and their rows' outcomes (issue 18, import; infra/web-ui com.meterledger.ui.imports.ImportJobStore).
-- A job was kept in the memory of the node that ran it: a restart lost its progress, and another node behind the
-- same load balancer answered 404 for it. Now the job and every row's outcome are rows here, written with each batch
-- the job commits, so progress and outcomes are visible from any node and after a restart. The node running a job
-- renews heartbeat_at while it runs; a RUNNING job whose heartbeat is older than ImportJobs.INTERRUPTED_AFTER is shown
-- as INTERRUPTED (its node stopped), with the outcomes it recorded. Running the same file again finishes the rest:
-- the rows already done plan as UNCHANGED. No occupant's personal data is kept here (unit id, steps and rule only).
create table import_job (
    tenant_id    varchar(64) not null,
    job_id       varchar(64) not null,
    file_sha256  varchar(64) not null,
    status       varchar(16) not null,
    total        int         not null,
    started_by   varchar(200),
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null,
    finished_at  timestamptz,
    primary key (tenant_id, job_id)
);

create table import_job_row (
    tenant_id varchar(64)  not null,
    job_id    varchar(64)  not null,
    row_no    int          not null,
    unit_id   varchar(200),
    outcome   varchar(16)  not null,
    steps     varchar(300) not null,
    rule      varchar(200),
    detail    varchar(500),
    primary key (tenant_id, job_id, row_no)
);

-- forgetting jobs that ended long ago
create index import_job_finished on import_job (finished_at);
