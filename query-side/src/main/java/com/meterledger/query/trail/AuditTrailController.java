package com.meterledger.query.trail;

import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Full-text search over the tenant's audit trail (Elasticsearch). */
@RestController
@Tag(name = "Audit")
public class AuditTrailController {
    private final AuditTrailSearch trail;

    public AuditTrailController(AuditTrailSearch trail) {
        this.trail = trail;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/audit/events")
    @Operation(summary = "The tenant's events, newest first: full text (query-string syntax) and filters; a "
            + "malformed query is a 400 naming the parser's reason")
    public AuditTrailSearch.Page search(@Parameter(hidden = true) TenantId tenant,
                                        @RequestParam(required = false) String q,
                                        @RequestParam(required = false) String aggregateId,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(required = false) Instant from,
                                        @RequestParam(required = false) Instant to,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size) {
        return trail.search(tenant, new AuditTrailSearch.Criteria(q, aggregateId, type, from, to, page, size));
    }
}
