package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The invited person accepted (the actor in the metadata is the person themself): the membership is active. */
public record InvitationAccepted(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
