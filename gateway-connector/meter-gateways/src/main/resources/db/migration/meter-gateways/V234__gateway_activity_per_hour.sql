-- Communication success of gateway messages per hour (issue 18, item 6): the uplink items each gateway's messages
-- carried that were taken (readings accepted or duplicate, acknowledgements accepted) and those refused (readings
-- rejected, messages refused whole, acknowledgements refused), counted as the uplink records them
-- (GatewayRegistry.recordActivity). The totals since registration stay on meter_gateway; hours let a page show the
-- last 24 hours and each day. Published to other modules through the view below, never the table.
create table meter_gateway_hour (
    tenant_id   varchar(64) not null,
    gateway_id  varchar(64) not null,
    property_id varchar(64) not null,
    hour        timestamptz not null,
    accepted    bigint      not null default 0,
    refused     bigint      not null default 0,
    primary key (tenant_id, gateway_id, hour),
    foreign key (tenant_id, gateway_id) references meter_gateway (tenant_id, gateway_id) on delete cascade
);
create index meter_gateway_hour_property on meter_gateway_hour (tenant_id, property_id, hour);

create view gateway_activity_hour with (security_invoker = true) as
select tenant_id, gateway_id, property_id, hour, accepted, refused
from meter_gateway_hour;
