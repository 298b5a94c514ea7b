package com.meterledger.ui.staff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.gateway.payment.PaymentSettings;
import com.meterledger.gateway.payment.StripeConnect;
import com.meterledger.gateway.payment.reconciliation.ReconciliationCsv;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport;
import com.meterledger.gateway.payment.reconciliation.StripeReconciliation;
import com.meterledger.ui.i18n.DownloadHeaders;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finance pages: the Stripe reconciliation of a day (read, run now, CSV) and the tenant's Stripe Connect state and
 * application fee. The same beans and rules as the payments API ({@code ReconciliationController},
 * {@code ConnectController}).
 */
@Controller
@RequestMapping("/ui/finance")
public class FinanceUiController {
    static final String FINANCE_READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')";
    static final String RECONCILERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE')";
    private final StripeReconciliation reconciliation;
    private final StripeConnect connect;
    private final PaymentSettings settings;
    private final DownloadHeaders headers;
    private final ActorLabels actors;
    private final ReconciliationWords reasons;

    public FinanceUiController(StripeReconciliation reconciliation, StripeConnect connect, PaymentSettings settings,
                               DownloadHeaders headers, ActorLabels actors, ReconciliationWords reasons) {
        this.actors = actors;
        this.reasons = reasons;
        this.reconciliation = reconciliation;
        this.connect = connect;
        this.settings = settings;
        this.headers = headers;
    }

    /** The newest run of the day (by default yesterday on the tenant's clock: the day the nightly job reconciles). */
    @GetMapping("/reconciliation")
    @PreAuthorize(FINANCE_READERS)
    public String reconciliation(TenantId tenant,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate date, Model model) {
        LocalDate day = date != null ? date : reconciliation.yesterday(tenant);
        ReconciliationReport report;
        try {
            report = reconciliation.report(tenant, day);
        } catch (NotFound never) {
            report = null;
        }
        return reconciliationPage(tenant, day, report, model);
    }

    @PostMapping("/reconciliation/runs")
    @PreAuthorize(RECONCILERS)
    public String run(TenantId tenant,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        ReconciliationReport report = reconciliation.run(tenant, date,
                SecurityContextHolder.getContext().getAuthentication().getName());
        return reconciliationPage(tenant, date, report, model);
    }

    @GetMapping("/reconciliation.csv")
    @PreAuthorize(FINANCE_READERS)
    public ResponseEntity<String> csv(TenantId tenant,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return ReconciliationCsv.download(reconciliation.report(tenant, date), headers.of(ReconciliationCsv.HEADER),
                headers.cells(), reasons.inTheReadersLanguage());
    }

    @GetMapping("/stripe")
    @PreAuthorize(FINANCE_READERS)
    public String stripe(TenantId tenant, Model model) {
        return stripePage(tenant, model);
    }

    /** Creates the connected account if needed and shows the one-time onboarding link at Stripe. */
    @PostMapping("/stripe/connect")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String connect(TenantId tenant, Model model) {
        model.addAttribute("onboarding", connect.onboard(tenant));
        return stripePage(tenant, model);
    }

    @PostMapping("/stripe/fee")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String fee(TenantId tenant, @RequestParam int basisPoints, @RequestParam long fixedMinor, Model model) {
        settings.setApplicationFee(tenant, new PaymentSettings.ApplicationFee(basisPoints, fixedMinor),
                SecurityContextHolder.getContext().getAuthentication().getName());
        model.addAttribute("feeSaved", true);
        return stripePage(tenant, model);
    }

    private String reconciliationPage(TenantId tenant, LocalDate day, ReconciliationReport report, Model model) {
        Map<ReconciliationReport.Outcome, Long> counts = new LinkedHashMap<>();
        for (ReconciliationReport.Outcome outcome : ReconciliationReport.Outcome.values()) {
            counts.put(outcome, report == null ? 0L : report.totals().getOrDefault(outcome, 0L));
        }
        model.addAttribute("date", day);
        // the zone the day was counted in: the run's own, else the tenant's now (the zone a run would count it in)
        model.addAttribute("dayZone", report != null ? ZoneId.of(report.timeZone()) : reconciliation.zone(tenant));
        model.addAttribute("report", report);
        model.addAttribute("reasons", reasons);
        String startedBy = report == null ? null : report.startedBy();
        model.addAttribute("startedBy", startedBy == null ? null
                : actors.of(tenant, List.of(startedBy)).getOrDefault(startedBy, startedBy));
        model.addAttribute("counts", counts);
        model.addAttribute("allMatched", report != null && !report.lines().isEmpty() && report.lines().stream()
                .allMatch(line -> line.outcome() == ReconciliationReport.Outcome.MATCHED));
        model.addAttribute("mayRun", Caller.hasRole(Roles.TENANT_ADMIN) || Caller.hasRole(Roles.FINANCE));
        return "ui/finance-reconciliation";
    }

    private String stripePage(TenantId tenant, Model model) {
        boolean admin = Caller.hasRole(Roles.TENANT_ADMIN);
        model.addAttribute("status", connect.refresh(tenant));
        model.addAttribute("admin", admin);
        // the fee is finance's and the tenant admin's to read (GET /api/payments/settings), not the auditor's
        model.addAttribute("fee", admin || Caller.hasRole(Roles.FINANCE) ? settings.applicationFee(tenant) : null);
        return "ui/finance-stripe";
    }
}
