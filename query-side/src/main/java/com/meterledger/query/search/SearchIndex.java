package com.meterledger.query.search;

/**
 * The application's Elasticsearch indices. Each is shared by all tenants; every document carries {@code tenant_id}
 * and {@link SearchAccess} filters every read by it. Mappings: {@code search/<name>.json} on the class path.
 */
public enum SearchIndex {
    /** One document per accepted reading (quantity) and per charge (money), for daily histograms. */
    CONSUMPTION("consumption"),
    /** One document per domain event: who did what, when, in which correlation. */
    AUDIT("audit");

    private final String name;

    SearchIndex(String name) {
        this.name = name;
    }

    public String shortName() {
        return name;
    }
}
