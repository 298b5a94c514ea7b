-- The registry's published read model. Other modules (dashboards, reports) read properties and units through these
-- views, never through the tables, so the registry may change its tables without breaking them. security_invoker:
-- the reader's row-level security applies, as on the tables (a view otherwise reads with its owner's rights).
create view registry_property with (security_invoker = true) as
select tenant_id, property_id, name, address
from property;

create view registry_unit with (security_invoker = true) as
select tenant_id, unit_id, property_id, name
from unit;
