package com.meterledger.query.dashboard;

/** Update of a dashboard subscription: the property's figures changed (the subscriber reads them when it is due). */
public record DashboardChanged(String tenantId, String propertyId) {
}
