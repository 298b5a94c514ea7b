package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

@RestController
@Tag(name = "Payment links", description = "Signed, expiring, revocable links that let an occupant reach one account")
public class PaymentLinkController {
    private final PaymentLinks links;
    private final PaymentLinkDelivery delivery;

    public PaymentLinkController(PaymentLinks links, PaymentLinkDelivery delivery) {
        this.links = links;
        this.delivery = delivery;
    }

    public record SendRequest(@NotNull OccupantChannel channel) {
    }

    @PostMapping("/api/accounts/{accountId}/payment-links")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE') or hasPermission(#accountId, 'account', 'manage')")
    @Operation(summary = "Issue a payment link for one account; hand the url to the occupant")
    public PaymentLinks.Issued issue(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId) {
        return links.issue(tenant, accountId, actor());
    }

    @DeleteMapping("/api/payment-links/{linkId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @Operation(summary = "Revoke a payment link at once")
    public void revoke(@Parameter(hidden = true) TenantId tenant, @PathVariable String linkId) {
        links.revoke(tenant, linkId, actor());
    }

    @PostMapping("/api/payment-links/{linkId}/send")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @Operation(summary = "Send a live payment link to the occupant's stored contact by EMAIL or SMS")
    public ResponseEntity<Map<String, String>> send(@Parameter(hidden = true) TenantId tenant,
                                                    @PathVariable String linkId,
                                                    @Valid @RequestBody SendRequest request) {
        delivery.send(tenant, linkId, request.channel());
        return ResponseEntity.ok(Map.of("linkId", linkId, "channel", request.channel().name(),
                "status", "SENT"));
    }

    private static String actor() {
        return Caller.actor().map(actor -> actor.id()).orElse("unknown");
    }
}
