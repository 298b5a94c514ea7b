package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invitee opened the mailed link and chose a password: from now on they sign in as an operator. */
public record AcceptPlatformInvitation(@TargetAggregateIdentifier PlatformPersonId personId) {
    public AcceptPlatformInvitation {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
