package com.meterledger.gateway.notification;

import com.meterledger.api.shared.TenantId;

/** In whose name and language an occupant's message goes: the landlord's, in the occupant's or the landlord's language. */
@FunctionalInterface
public interface Voices {
    /** @param chosen the language the occupant chose (on the portal), or null to use the landlord's */
    NotificationTexts.Voice of(TenantId tenant, String chosen);

    /** The configured signature for everyone, in the chosen language or English (no tenant is data). */
    static Voices standard(NotificationTexts texts) {
        return (tenant, chosen) -> chosen == null ? texts.standardVoice() : NotificationTexts.Voice.of(null, chosen);
    }
}
