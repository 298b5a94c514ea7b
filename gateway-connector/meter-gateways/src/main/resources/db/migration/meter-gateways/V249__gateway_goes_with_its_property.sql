-- Purge after retention (issue 15, leaving): the registry deletes a purged tenant's properties in the transaction of
-- the purge's event, before this module's own purge handler runs; a gateway belongs to its property, so it (and, by
-- the cascades already there, its meters' addresses and hourly tallies) goes with it instead of blocking the purge.
alter table meter_gateway drop constraint meter_gateway_tenant_id_property_id_fkey;
alter table meter_gateway add constraint meter_gateway_tenant_id_property_id_fkey
    foreign key (tenant_id, property_id) references property (tenant_id, property_id) on delete cascade;
