-- The property list pages by cursor (com.meterledger.api.listing.SqlList), as the unit, gateway, account, meter and
-- tariff lists do: every sort key has an index that starts with the tenant and ends with the property's id, so a page
-- is an index walk from the cursor's row. The id's order is the primary key's (tenant_id, property_id).
create index property_list_name on property (tenant_id, name, property_id);
