package com.meterledger.query.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of the inbox: what ({@code kind}, the {@code rule} that fired and its {@code figures}), about which thing
 * ({@code subjectType}/{@code subjectId}, in {@code propertyId}), since when the condition holds, and its state with
 * who acknowledged it and why.
 */
public record Alert(String alertId, AlertKind kind, String subjectType, String subjectId, String propertyId,
                    AlertState state, Instant conditionSince, Instant openedAt, String rule,
                    Map<String, String> figures, Instant acknowledgedAt, String acknowledgedBy, String note,
                    Instant resolvedAt) {
}
