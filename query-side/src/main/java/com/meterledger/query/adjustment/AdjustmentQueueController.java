package com.meterledger.query.adjustment;

import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The four-eyes approval queue as a list. Deciding is the account's own endpoint
 * ({@code POST /api/accounts/{accountId}/adjustments/{adjustmentId}/decision}), whose rule refuses the requester.
 */
@RestController
@Tag(name = "Adjustment approval queue")
public class AdjustmentQueueController {
    public static final String READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')";

    private final AdjustmentQueue queue;

    public AdjustmentQueueController(AdjustmentQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/api/adjustments")
    @PreAuthorize(READERS)
    @Operation(summary = "A page of manual adjustments above the approval limit: state PENDING (default, oldest "
            + "first), APPROVED or REJECTED (newest decision first); filter property; page from 0, size 1..200. "
            + "A property manager sees their properties' accounts only")
    public ListPage<AdjustmentQueue.Row> adjustments(@Parameter(hidden = true) TenantId tenant,
                                                     @Parameter(hidden = true) PropertyScope scope,
                                                     @RequestParam(required = false) String state,
                                                     @RequestParam(required = false) String property,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        return queue.list(tenant, scope, AdjustmentQueue.state(state), property, AdjustmentQueue.window(page, size));
    }
}
