-- The gateways' published read model for other modules (the search box of query-side): which gateway, of which
-- property, under which name. Never its secret, hash or counters. security_invoker: the reader's row-level security
-- applies, as on the table (and meterledger_apply_view_security sets it again after every migrate).
create view gateway_directory with (security_invoker = true) as
select tenant_id, gateway_id, property_id, name
from meter_gateway;
