-- The search box finds a unit by text anywhere in its id or name (query-side reads registry_unit): trigram indexes
-- where pg_trgm is installed (V230 tries), else the search scans. The unit list sorts by name within a tenant.
create index unit_list_name on unit (tenant_id, name, unit_id);
create index unit_list_property on unit (tenant_id, property_id, unit_id);
do
$$
    begin
        if exists (select 1 from pg_extension where extname = 'pg_trgm') then
            create index unit_search_id on unit using gin (lower(unit_id) gin_trgm_ops);
            create index unit_search_name on unit using gin (lower(name) gin_trgm_ops);
        end if;
    end
$$;
