package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.PersonId;

/**
 * The issuer's side of a deactivation: ends a person's stored authorizations (refresh tokens, authorization codes)
 * in the deactivation's transaction. The application that embeds the issuer provides it; with an external issuer
 * there is none, and the resource server's check of every person's token ({@code StaffDirectory}) refuses the
 * person's next request instead.
 */
public interface AccessEnds {
    void endAccessOf(PersonId person);

    /** The same for a platform operator, whose principal is {@code platform:<id>}. */
    void endAccessOfOperator(String principal);
}
