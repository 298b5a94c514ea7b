package com.meterledger.api.people;

import com.meterledger.api.shared.Ids;

/**
 * One person's membership of one tenant, the identity of its {@code StaffMember} history: made by MeterLedger
 * ({@code sm-} and 20 random hex digits), never chosen. A person who works for two tenants has two, so each tenant's
 * history of who may do what stays its own.
 */
public record StaffMemberId(String value) {
    public StaffMemberId {
        Ids.requireValid(value, "staff member id");
    }

    @Override
    public String toString() {
        return value;
    }
}
