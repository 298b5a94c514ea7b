-- The four-eyes approval queue of manual balance adjustments (issue 18; query-side com.meterledger.query.adjustment).
-- adjustment-queue-projection writes a row when an adjustment above the tenant's approval limit waits for a second
-- person (AdjustmentAwaitingApproval) and records the decision (BalanceAdjusted with its approver, or
-- AdjustmentRejected). The property comes from dashboard-projection's account row when the queue is read, so a
-- property manager's scope is the account's property as the dashboard knows it.
create table adjustment_queue (
    tenant_id     varchar(64)  not null,
    account_id    varchar(64)  not null,
    adjustment_id varchar(64)  not null,
    amount_minor  bigint       not null,
    currency      varchar(3)   not null,
    reason        varchar(500) not null,
    requested_by  varchar(200),
    requested_at  timestamptz  not null,
    state         varchar(16)  not null,
    decided_by    varchar(200),
    decided_at    timestamptz,
    note          varchar(500),
    primary key (tenant_id, account_id, adjustment_id)
);
-- a page of one state, oldest request first (the queue is worked from its oldest end)
create index adjustment_queue_state on adjustment_queue (tenant_id, state, requested_at, account_id, adjustment_id);
