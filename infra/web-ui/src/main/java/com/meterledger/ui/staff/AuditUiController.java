package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.audit.PointInTimeBalance;
import com.meterledger.query.audit.ProjectionRebuilds;
import com.meterledger.query.audit.Reconciliation;
import com.meterledger.query.trail.AuditTrailSearch;
import com.meterledger.ui.i18n.PageFormats;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Auditor tools: an account's balance at any instant replayed from the event store beside the projection's value,
 * the reconciliation of the projection against the store and the audit trail search (read-only, the tenant's own
 * data). Platform
 * operators rebuild the shared projection and watch its progress.
 */
@Controller
public class AuditUiController {
    static final String AUDIT_READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')";
    private static final int EVENTS_PER_PAGE = 50;
    private final PointInTimeBalance pointInTime;
    private final Reconciliation reconciliation;
    private final ProjectionRebuilds rebuilds;
    private final AuditTrailSearch trail;
    private final PageFormats formats;
    private final MessageSource messages;
    private final ActorLabels actors;

    public AuditUiController(PointInTimeBalance pointInTime, Reconciliation reconciliation,
                             ProjectionRebuilds rebuilds, AuditTrailSearch trail, PageFormats formats,
                             MessageSource messages, ActorLabels actors) {
        this.actors = actors;
        this.formats = formats;
        this.messages = messages;
        this.pointInTime = pointInTime;
        this.reconciliation = reconciliation;
        this.rebuilds = rebuilds;
        this.trail = trail;
    }

    @GetMapping("/ui/audit")
    @PreAuthorize(AUDIT_READERS)
    public String tools() {
        return "ui/audit";
    }

    @GetMapping("/ui/audit/balance")
    @PreAuthorize(AUDIT_READERS)
    public String balanceAt(TenantId tenant, @RequestParam String accountId,
                            @RequestParam(required = false) String at, Model model) {
        Instant instant = instant(at, formats.current().zone());
        model.addAttribute("accountId", accountId);
        model.addAttribute("at", instant);
        model.addAttribute("answer", pointInTime.at(tenant, accountId, instant));
        return "ui/audit-balance";
    }

    @GetMapping("/ui/audit/reconciliation")
    @PreAuthorize(AUDIT_READERS)
    public String reconcile(TenantId tenant, @RequestParam(required = false) String after, Model model) {
        model.addAttribute("report", reconciliation.reconcile(tenant, after, null));
        return "ui/reconciliation";
    }

    /** The tenant's audit trail, newest first: full text (query-string syntax) and filters, from Elasticsearch. */
    @GetMapping("/ui/audit/events")
    @PreAuthorize(AUDIT_READERS)
    public String events(TenantId tenant, @RequestParam(required = false) String q,
                         @RequestParam(required = false) String aggregateId,
                         @RequestParam(required = false) String type,
                         @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(defaultValue = "0") int page, Model model) {
        ZoneId zone = formats.current().zone();
        AuditTrailSearch.Criteria criteria = new AuditTrailSearch.Criteria(q, aggregateId, type,
                from == null || from.isBlank() ? null : instant(from, zone),
                to == null || to.isBlank() ? null : instant(to, zone),
                page, EVENTS_PER_PAGE);
        model.addAttribute("criteria", criteria);
        AuditTrailSearch.Page results = trail.search(tenant, criteria);
        model.addAttribute("results", results);
        model.addAttribute("actors", actors.labels(tenant, results.entries().stream()
                .map(entry -> new ActorLabels.Seen(entry.actor(), entry.origin())).toList()));
        model.addAttribute("summaries", new AccessSummaries(messages, formats.current()));
        return "ui/audit-events";
    }

    @GetMapping("/ui/platform/projections/{projection}")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    public String rebuildPage(@PathVariable String projection, Model model) {
        model.addAttribute("status", rebuilds.status(projection));
        return "ui/rebuild";
    }

    @PostMapping("/ui/platform/projections/{projection}/rebuild")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    public String rebuild(@PathVariable String projection, Model model) {
        model.addAttribute("status", rebuilds.rebuild(projection));
        return "ui/rebuild :: progress";
    }

    /** Polled by the page while a rebuild runs: percent, events/s, time left. */
    @GetMapping("/ui/platform/projections/{projection}/status")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    public String rebuildStatus(@PathVariable String projection, Model model) {
        model.addAttribute("status", rebuilds.status(projection));
        return "ui/rebuild :: progress";
    }

    /**
     * An ISO instant, or a browser's local date-time field read on the tenant's clock (the page names it); none: now.
     */
    private static Instant instant(String at, ZoneId zone) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        try {
            return at.endsWith("Z") || at.contains("+") ? Instant.parse(at)
                    : LocalDateTime.parse(at).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'at' must be a date and time such as 2026-01-31T18:00, not " + at);
        }
    }
}
