package com.meterledger.ui.staff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.query.dashboard.DashboardQueries;
import com.meterledger.query.dashboard.HeadOffice;
import com.meterledger.query.dashboard.HeadOfficeController;
import com.meterledger.query.export.HeadOfficeTable;
import com.meterledger.query.report.ReportFiles;
import com.meterledger.ui.i18n.DownloadHeaders;
import com.meterledger.ui.i18n.PageTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Head office: every property side by side with the seed's KPIs, the month's head-office report as CSV, and charts
 * over time per property and per account (inline SVG drawn here, {@link SvgBars}). Each handler calls the bean its
 * API endpoint calls, with the same rule.
 */
@Controller
@RequestMapping("/ui")
public class HeadOfficeUiController {
    private final HeadOffice headOffice;
    private final DashboardQueries dashboards;
    private final AccountQueries accounts;
    private final PageTexts texts;
    private final DownloadHeaders headers;

    public HeadOfficeUiController(HeadOffice headOffice, DashboardQueries dashboards, AccountQueries accounts,
                                  PageTexts texts, DownloadHeaders headers) {
        this.headOffice = headOffice;
        this.dashboards = dashboards;
        this.accounts = accounts;
        this.texts = texts;
        this.headers = headers;
    }

    @GetMapping("/head-office")
    @PreAuthorize(ListUiController.READERS)
    public String headOffice(TenantId tenant, Model model) {
        HeadOffice.Overview overview = headOffice.overview(tenant, PropertyScopePermissions.scope());
        model.addAttribute("overview", overview);
        model.addAttribute("target", HeadOffice.COMMAND_TARGET.toPlainString());
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        model.addAttribute("charts", charts("tenant", null, headOffice.overTime(tenant, PropertyScopePermissions.scope(),
                null, false, 30), headOffice.overTime(tenant, PropertyScopePermissions.scope(), null, true, 12), fmt));
        // the month's report is the rollup of every property: for those the API's rollup is for (not managers)
        model.addAttribute("mayDownload", PropertyScopePermissions.scope().all());
        model.addAttribute("month", YearMonth.from(overview.day()).toString());
        return "ui/head-office";
    }

    @GetMapping("/head-office.csv")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    public ResponseEntity<StreamingResponseBody> report(TenantId tenant, @RequestParam String month) {
        YearMonth which = DashboardQueries.month(month);
        var rollup = dashboards.rollup(tenant, which);
        List<String> header = headers.of(HeadOfficeTable.HEADER);
        var cells = headers.cells();
        return ResponseEntity.ok().contentType(ReportFiles.CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                        + ReportFiles.fileName("head-office-" + which, "csv") + "\"")
                .body(out -> ReportFiles.csv(out, header, cells, sink -> HeadOfficeTable.table(rollup, sink)));
    }

    @GetMapping("/properties/{propertyId}/history")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public String propertyHistory(TenantId tenant, @PathVariable String propertyId, Model model) {
        String id = ListFilters.id("propertyId", propertyId);
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        model.addAttribute("propertyId", id);
        model.addAttribute("name", dashboards.properties(tenant).get(id));
        model.addAttribute("charts", charts("property", null,
                headOffice.overTime(tenant, PropertyScopePermissions.scope(), id, false, 30),
                headOffice.overTime(tenant, PropertyScopePermissions.scope(), id, true, 12), fmt));
        return "ui/history";
    }

    /** The property's KPIs, loaded into its dashboard page after it shows (htmx), so the dashboard waits for nothing. */
    @GetMapping("/properties/{propertyId}/kpis")
    @PreAuthorize(UiController.PROPERTY_READERS)
    public String propertyKpis(TenantId tenant, @PathVariable String propertyId, Model model) {
        String id = ListFilters.id("propertyId", propertyId);
        HeadOffice.PropertyFigures property = headOffice.overview(tenant, PropertyScope.only(List.of(id)))
                .properties().stream().findFirst().orElseThrow(() -> new NotFound("property", id));
        model.addAttribute("property", property);
        model.addAttribute("target", HeadOffice.COMMAND_TARGET.toPlainString());
        return "ui/kpis :: kpis";
    }

    @GetMapping("/accounts/{accountId}/history")
    @PreAuthorize(UiController.ACCOUNT_READERS)
    public String accountHistory(TenantId tenant, @PathVariable String accountId, Model model) {
        AccountQueries.AccountBalance account = accounts.balance(tenant, accountId);
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        model.addAttribute("accountId", accountId);
        model.addAttribute("charts", charts("account", account.currency(),
                headOffice.accountOverTime(tenant, accountId, account.currency(), false,
                        HeadOfficeController.count(null, false)),
                headOffice.accountOverTime(tenant, accountId, account.currency(), true,
                        HeadOfficeController.count(null, true)), fmt));
        return "ui/history";
    }

    /** A chart per utility and per currency, daily and monthly; an account has one quantity and one currency. */
    private List<Map<String, String>> charts(String prefix, String currency, List<HeadOffice.Point> daily,
                                             List<HeadOffice.Point> monthly, UiFormat fmt) {
        List<Map<String, String>> charts = new ArrayList<>();
        for (boolean byMonth : List.of(false, true)) {
            List<HeadOffice.Point> points = byMonth ? monthly : daily;
            List<String> labels = points.stream().map(p -> byMonth ? p.period() : p.period().substring(5)).toList();
            TreeSet<String> quantities = new TreeSet<>();
            TreeSet<String> currencies = new TreeSet<>();
            points.forEach(p -> {
                quantities.addAll(p.consumption().keySet());
                currencies.addAll(p.charges().keySet());
            });
            if (quantities.isEmpty()) {
                quantities.add(currency != null ? "quantity" : Utility.ELECTRICITY.name());
            }
            if (currencies.isEmpty() && currency != null) {
                currencies.add(currency);
            }
            String span = texts.text(byMonth ? "history.monthly" : "history.daily");
            for (String quantity : quantities) {
                String what = quantity.equals("quantity") ? texts.text("history.consumption")
                        : texts.text("history.consumption-of", texts.text("utility." + quantity));
                String unit = quantity.equals("quantity") ? "" : " " + Utility.valueOf(quantity).registerUnit();
                List<BigDecimal> values = points.stream()
                        .map(p -> p.consumption().getOrDefault(quantity, BigDecimal.ZERO)).toList();
                charts.add(chart(prefix + "-" + (byMonth ? "monthly" : "daily") + "-" + quantity.toLowerCase(),
                        what + " · " + span, labels, values,
                        values.stream().map(v -> v.stripTrailingZeros().toPlainString() + unit).toList()));
            }
            for (String c : currencies) {
                List<BigDecimal> values = points.stream().map(p -> fmt.amount(p.charges().getOrDefault(c, 0L), c))
                        .toList();
                charts.add(chart(prefix + "-" + (byMonth ? "monthly" : "daily") + "-revenue-" + c.toLowerCase(),
                        texts.text("history.revenue", c) + " · " + span, labels, values,
                        points.stream().map(p -> fmt.money(p.charges().getOrDefault(c, 0L), c)).toList()));
            }
        }
        return charts;
    }

    private static Map<String, String> chart(String id, String title, List<String> labels, List<BigDecimal> values,
                                             List<String> shown) {
        Map<String, String> chart = new LinkedHashMap<>();
        chart.put("id", id);
        chart.put("title", title);
        chart.put("svg", SvgBars.chart(id, title, labels, values, shown));
        return chart;
    }
}
