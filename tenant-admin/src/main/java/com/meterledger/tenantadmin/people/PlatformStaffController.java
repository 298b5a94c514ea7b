package com.meterledger.tenantadmin.people;

import com.meterledger.api.shared.Actor;
import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's operators help a tenant's person who lost their phone ({@link OperatorSecondFactorResets}): find them
 * by exact e-mail address, then reset their second factor in every tenant. Operators only: a tenant's people, whatever
 * their role, get 403 here.
 */
@RestController
@Tag(name = "Platform", description = "The platform operator's console")
public class PlatformStaffController {
    private final OperatorSecondFactorResets resets;

    public PlatformStaffController(OperatorSecondFactorResets resets) {
        this.resets = resets;
    }

    @GetMapping("/api/platform/staff")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "Find a tenant's person by exact e-mail address: their id, name and the tenants they are an "
            + "active member of")
    public OperatorSecondFactorResets.StaffPersonView find(@RequestParam(required = false) String email) {
        return resets.find(email);
    }

    @PostMapping("/api/platform/staff/{personId}/second-factor-removal")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "Reset a person's second factor (a lost phone) in every tenant they work for: their sessions "
            + "and tokens end, and they enrol a new one")
    public OperatorSecondFactorResets.StaffPersonView reset(@PathVariable String personId) {
        return resets.reset(personId, Caller.actor().map(Actor::id)
                .orElseThrow(() -> new AccessDeniedException("an operator's change needs an operator")));
    }
}
