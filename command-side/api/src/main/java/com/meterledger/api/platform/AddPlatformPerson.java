package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a platform operator exists (role {@code PLATFORM_ADMIN}, no tenant). The e-mail address and the
 * password hash stay in the deletable {@code platform_person} table: the history names the person by id only.
 */
public record AddPlatformPerson(@TargetAggregateIdentifier PlatformPersonId personId) {
    public AddPlatformPerson {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
