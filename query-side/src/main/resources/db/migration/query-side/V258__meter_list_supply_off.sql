-- The meter list's "supply off" filter (issue 18, lists at scale): meters confirmed off are a few percent of a
-- tenant's meters, so a partial index finds them without reading the others, as dashboard_account_list_supply_off
-- (V230) does for accounts. MeterList writes the condition out (not as a parameter) so the index's predicate matches.
create index meter_view_list_supply_off on meter_view (tenant_id, meter_id) where supply_confirmed = 'OFF';
