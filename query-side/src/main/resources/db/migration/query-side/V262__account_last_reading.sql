-- The account list's "supply off, newest reading first" (issue 18, lists at scale): sorted by the meter view's
-- last_read_at, the planner either walked every meter by its reading time looking for supply-off accounts or joined
-- all supply-off accounts to their meters and sorted them (p99 249 ms with 100,000 accounts, infra/perf lists).
-- The account's row keeps its meter's last reading time (dashboard-projection writes it with the meter view's, so a
-- replay rebuilds it), and a partial index in the list's order makes the page an index walk of supply-off accounts.
alter table dashboard_account add column last_read_at timestamptz;

update dashboard_account d set last_read_at = m.last_read_at
from meter_view m
where m.tenant_id = d.tenant_id and m.meter_id = d.meter_id and m.last_read_at is not null;

-- never read sorts as the earliest moment (com.meterledger.api.listing.SqlList), as in meter_view_list_last_read
create index dashboard_account_list_supply_off_last_read
    on dashboard_account (tenant_id, last_read_at nulls first, account_id) where supply_off;
