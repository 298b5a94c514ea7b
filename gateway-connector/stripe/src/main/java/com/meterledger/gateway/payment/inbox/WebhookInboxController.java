package com.meterledger.gateway.payment.inbox;

import com.meterledger.api.error.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The operators' view of the webhook inbox. A delivery belongs to no tenant until it is processed (its tenant comes
 * from our own checkout record, and a dead one may never get that far), so the inbox is platform operations data:
 * PLATFORM_ADMIN only. It shows Stripe event ids, types, states and error codes, never a payload or a tenant's data.
 */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class WebhookInboxController {
    private final StripeWebhookInbox inbox;
    private final StripeWebhookWorker worker;

    public WebhookInboxController(StripeWebhookInbox inbox, StripeWebhookWorker worker) {
        this.inbox = inbox;
        this.worker = worker;
    }

    public record InboxView(long pending, long dead, List<StripeWebhookInbox.Entry> entries) {
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @GetMapping("/api/payments/webhook-inbox")
    @Operation(summary = "Queued, finished and dead Stripe webhook deliveries (newest first), with the queue's depth")
    public InboxView list(@RequestParam(required = false) @Pattern(regexp = "PENDING|DONE|DEAD") String status,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return new InboxView(inbox.count("PENDING"), inbox.count("DEAD"), inbox.list(status, limit));
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @PostMapping("/api/payments/webhook-inbox/{deliveryId}/retry")
    @Operation(summary = "Give a dead delivery a fresh start (after the cause was fixed); it is processed once as ever")
    public ResponseEntity<Void> retry(@PathVariable long deliveryId) {
        if (!inbox.revive(deliveryId)) {
            throw new NotFound("dead webhook delivery", deliveryId);
        }
        worker.wake();
        return ResponseEntity.accepted().build();
    }
}
