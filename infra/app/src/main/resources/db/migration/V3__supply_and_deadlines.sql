-- Persistent deadlines (supply command time-outs, friendly-window ends) through db-scheduler, so they survive
-- restarts and are picked by exactly one node.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- The account's state as supply control sees it.
alter table account_view
    add column warning_level   int         not null default 0,
    add column depleted        boolean     not null default false,
    add column supply_state    varchar(16) not null default 'ON',
    add column pending_command varchar(16),
    add column protected       boolean     not null default false,
    add column closed_at       timestamptz,
    add column arrears_minor   bigint      not null default 0;
