package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.tenantadmin.people.SecondFactorRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * access: whether the caller's own tenant requires a second factor of its administrators and finance staff; the
 * tenant comes from the token only.
 */
@RestController
@RequestMapping("/api/tenant/settings/second-factor")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class SecondFactorPolicyController {
    public static final String RULE = "second-factor-policy-invalid";
    private final TenantSecondFactorPolicy policies;
    private final SecondFactorRequirement requirement;

    public SecondFactorPolicyController(TenantSecondFactorPolicy policies, SecondFactorRequirement requirement) {
        this.policies = policies;
        this.requirement = requirement;
    }

    /** What the API takes: the choice must be stated, an absent one is not read as "no". */
    public record PolicyRequest(Boolean requiredForAdministratorsAndFinance) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @Operation(summary = "Whether administrators and finance staff must sign in with a second factor")
    public SecondFactorPolicy policy(@Parameter(hidden = true) TenantId tenant) {
        return policies.policyOf(tenant);
    }

    /**
     * A change is an event with its actor; the next sign-in obeys it, and a covered person without a second factor is
     * signed out at once. An administrator requires it only once they have one themselves.
     */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Require (or stop requiring) a second factor of administrators and finance staff")
    public SecondFactorPolicy change(@Parameter(hidden = true) TenantId tenant, @RequestBody PolicyRequest request) {
        if (request == null || request.requiredForAdministratorsAndFinance() == null) {
            throw new FieldRejected("requiredForAdministratorsAndFinance", RULE, "is required: true or false");
        }
        if (!policies.tenantIsData(tenant)) {
            throw new NotFound("tenant settings", tenant);
        }
        SecondFactorPolicy policy = new SecondFactorPolicy(request.requiredForAdministratorsAndFinance());
        requirement.change(tenant, policy);
        return policy;
    }
}
