package com.meterledger.api.listing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties a list or a search may show to its caller: every property of the tenant, or (for a property manager)
 * only the ones named in their token. Lists filter by it in SQL, before paging, so a page is never short of rows
 * because some were filtered out afterwards, and a manager never learns how many rows the others hold.
 *
 * @param properties null for every property; else exactly these (possibly none)
 */
public record PropertyScope(Set<String> properties) {
    public static final PropertyScope ALL = new PropertyScope(null);

    public PropertyScope {
        properties = properties == null ? null : Set.copyOf(new TreeSet<>(properties));
    }

    public static PropertyScope only(Collection<String> properties) {
        return new PropertyScope(Set.copyOf(properties));
    }

    public boolean all() {
        return properties == null;
    }

    public boolean includes(String propertyId) {
        return properties == null || (propertyId != null && properties.contains(propertyId));
    }

    /** The properties as an SQL array parameter ({@code property_id = any(?)}); only when not {@link #all()}. */
    public String[] array() {
        return properties == null ? new String[0] : properties.stream().sorted().toArray(String[]::new);
    }

    public List<String> sorted() {
        return properties == null ? List.of() : properties.stream().sorted().toList();
    }
}
