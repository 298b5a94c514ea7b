package com.meterledger.query.alert;

import com.meterledger.api.people.ActorName;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of the inbox: what ({@code kind}, the {@code rule} that fired and its {@code figures}), about which thing
 * ({@code subjectType}/{@code subjectId}, in {@code propertyId}), since when the condition holds, and its state with
 * who acknowledged it and why. {@code acknowledgedBy} is the actor's id as recorded; {@code acknowledgedByActor} is who
 * that is now (a person's name, or a former staff member's neutral kind), looked up when the alert is read.
 */
public record Alert(String alertId, AlertKind kind, String subjectType, String subjectId, String propertyId,
                    AlertState state, Instant conditionSince, Instant openedAt, String rule,
                    Map<String, String> figures, Instant acknowledgedAt, String acknowledgedBy, String note,
                    Instant resolvedAt, ActorName acknowledgedByActor) {
    Alert withAcknowledgedByActor(ActorName actor) {
        return new Alert(alertId, kind, subjectType, subjectId, propertyId, state, conditionSince, openedAt, rule,
                figures, acknowledgedAt, acknowledgedBy, note, resolvedAt, actor);
    }
}
