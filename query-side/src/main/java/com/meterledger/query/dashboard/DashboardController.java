package com.meterledger.query.dashboard;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Per-property dashboards (also live, as server-sent events) and the head-office roll-up. */
@RestController
@Tag(name = "Dashboards")
public class DashboardController {
    /** A stream ends after this long at most; browsers' EventSource reconnects by itself. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final DashboardQueries dashboards;
    private final DashboardUpdates updates;

    public DashboardController(DashboardQueries dashboards, DashboardUpdates updates) {
        this.dashboards = dashboards;
        this.updates = updates;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping("/api/properties/{propertyId}/dashboard")
    @Operation(summary = "Accounts by state, today's and this month's consumption, charges and credits, arrears, "
            + "top consumers, offline gateways and pending control commands of one property")
    public PropertyDashboard dashboard(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId) {
        return dashboards.dashboard(tenant, new PropertyId(propertyId));
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')")
    @GetMapping(value = "/api/properties/{propertyId}/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The property's dashboard as server-sent events named 'dashboard': now, then on every change "
            + "(coalesced); the stream ends after 'lifetime' (ISO-8601 duration, at most 30 minutes)")
    public SseEmitter stream(@Parameter(hidden = true) TenantId tenant, @PathVariable String propertyId,
                             @RequestParam(required = false) Duration lifetime) {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(STREAM_LIFETIME) > 0)) {
            throw new RuleViolation("stream-lifetime-out-of-range", "lifetime must be above zero and at most "
                    + STREAM_LIFETIME, STREAM_LIFETIME.toMinutes());
        }
        SseEmitter emitter = new SseEmitter((lifetime == null ? STREAM_LIFETIME : lifetime).toMillis());
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        Runnable close = () -> {
            AutoCloseable open = subscription.getAndSet(null);
            if (open != null) {
                try {
                    open.close();
                } catch (Exception ignored) {
                    // closing a subscription only disposes in-memory handles
                }
            }
        };
        subscription.set(updates.subscribe(tenant, new PropertyId(propertyId), dashboard -> {
            try {
                emitter.send(SseEmitter.event().name("dashboard").data(dashboard, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                close.run();
                emitter.completeWithError(e);
            }
        }));
        emitter.onCompletion(close);
        emitter.onTimeout(() -> {
            close.run();
            emitter.complete();
        });
        emitter.onError(error -> close.run());
        return emitter;
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    @GetMapping("/api/dashboard/head-office")
    @Operation(summary = "Per property and tenant totals of a month: opening and closing money, credits, charges, "
            + "adjustments, arrears, consumption")
    public HeadOfficeRollup headOffice(@Parameter(hidden = true) TenantId tenant, @RequestParam String month) {
        return dashboards.rollup(tenant, DashboardQueries.month(month));
    }
}
