package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator invites a new platform operator by e-mail: the history begins, the person may sign in only once they
 * accepted the mailed link and chose a password. The address stays in {@code platform_person}, never here.
 */
public record InvitePlatformPerson(@TargetAggregateIdentifier PlatformPersonId personId) {
    public InvitePlatformPerson {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
