package com.meterledger.tenantadmin.webhook;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class WebhookSecretController {
    private final WebhookSecrets secrets;

    public WebhookSecretController(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /** The new secret is in this answer only: copy it into the receiving system now. The old one stops at once. */
    @PostMapping("/api/tenant/settings/webhook-secret")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Replace the tenant's webhook signing secret (shown once)")
    public ResponseEntity<WebhookSecrets.Rotated> rotate(@Parameter(hidden = true) TenantId tenant) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(secrets.rotate(tenant));
    }
}
