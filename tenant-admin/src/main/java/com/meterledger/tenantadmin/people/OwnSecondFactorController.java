package com.meterledger.tenantadmin.people;

import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in person's (or operator's) own second factor: removing it, confirmed with the current password and the
 * app's current code ({@link SecondFactorRemovals}). Whose it is comes from the token only; a machine client has none.
 */
@RestController
@Tag(name = "Identity", description = "Who the token says you are")
public class OwnSecondFactorController {
    private final SecondFactorRemovals removals;

    public OwnSecondFactorController(SecondFactorRemovals removals) {
        this.removals = removals;
    }

    /** The confirmation: the current password and the code the authenticator app shows now. */
    public record Removal(String password, String code) {
    }

    /** @param enrolled whether the caller still has a second factor */
    public record SecondFactorState(boolean enrolled) {
    }

    @PostMapping("/api/me/second-factor-removal")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Remove your own second factor (to move it to a new phone), confirmed with your current "
            + "password and code; refused while your organisation requires one for your role, or the platform of its "
            + "operators. A wrong password or code counts towards the sign-in lockout")
    public SecondFactorState remove(@RequestBody Removal removal) {
        String principal = Caller.current().map(Authentication::getName).orElse(null);
        removals.removeOwn(principal, removal.password(), removal.code());
        return new SecondFactorState(false);
    }
}
