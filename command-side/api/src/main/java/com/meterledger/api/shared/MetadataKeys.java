package com.meterledger.api.shared;

/** Message metadata keys set at the edge and propagated to every message a message causes. */
public final class MetadataKeys {
    public static final String TENANT = "tenantId";
    public static final String ACTOR = "actor";
    public static final String ORIGIN = "origin";

    private MetadataKeys() {
    }
}
