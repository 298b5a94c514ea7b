package com.meterledger.api.platform;

import com.meterledger.api.shared.Ids;

/**
 * A platform operator as a person, the identity of its {@code PlatformPerson} history: made by MeterLedger
 * ({@code pp-} and the person's UUID without dashes), never chosen, so tokens and events name an opaque id, never an
 * e-mail address.
 */
public record PlatformPersonId(String value) {
    public PlatformPersonId {
        Ids.requireValid(value, "platform person id");
    }

    public static PlatformPersonId of(java.util.UUID person) {
        return new PlatformPersonId("pp-" + person.toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
