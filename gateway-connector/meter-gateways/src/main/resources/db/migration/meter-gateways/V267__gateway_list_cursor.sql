-- The gateway list pages by cursor (issue 18; com.meterledger.api.listing.SqlList), as the account, meter, tariff and
-- unit lists do: every sort key has an index that starts with the tenant and ends with the gateway's id, so a page is
-- an index walk from the cursor's row. A gateway never seen sorts as the earliest moment: first going up, last going
-- down (nulls first, as V230 keeps a meter never read). The id's order is the primary key's.
create index meter_gateway_list_name on meter_gateway (tenant_id, name, gateway_id);
create index meter_gateway_list_property on meter_gateway (tenant_id, property_id, gateway_id);
create index meter_gateway_list_last_seen on meter_gateway (tenant_id, last_seen_at nulls first, gateway_id);
