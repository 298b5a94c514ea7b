package com.meterledger.api.mail;

import com.meterledger.api.shared.FreeText;

/**
 * A plain-text e-mail to a member of staff (sign-up verification, invitations, password resets), sent by the
 * notification providers' adapter. It may carry a one-time link, so it is a command, never an event: nothing stores
 * it, and the adapter logs neither its address nor its body.
 */
public record SendStaffEmail(String to, String subject, String body) {
    public SendStaffEmail {
        if (to == null || to.isBlank() || body == null || body.isBlank()) {
            throw new IllegalArgumentException("an e-mail needs an address and a body");
        }
        FreeText.require("subject", subject, FreeText.NAME);
    }
}
