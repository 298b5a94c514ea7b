-- Master and sub-meters per property (issue 18, line loss), as the tenant last set them (MeterHierarchySet): one row
-- per sub-meter, so "a sub-meter under two masters" is also a key the database refuses.
create table meter_hierarchy (
    tenant_id       varchar(64) not null,
    property_id     varchar(64) not null,
    master_meter_id varchar(64) not null,
    sub_meter_id    varchar(64) not null,
    set_at          timestamptz not null,
    primary key (tenant_id, sub_meter_id)
);
create index meter_hierarchy_master on meter_hierarchy (tenant_id, master_meter_id);
