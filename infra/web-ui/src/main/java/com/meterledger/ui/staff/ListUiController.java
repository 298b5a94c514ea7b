package com.meterledger.ui.staff;

import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.query.listing.AccountList;
import com.meterledger.query.listing.MeterList;
import com.meterledger.query.listing.Search;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lists of accounts, meters, units and gateways across the properties the caller sees, and the search box's
 * page. Each handler calls the bean its API endpoint calls ({@code GET /api/accounts}, ...), with the same rule and the
 * same scope; filters are a plain GET form, so every list state is a link that can be bookmarked or sent on.
 * Nonsense parameters are refused with the API's own rule, as the UI's 400 page.
 */
@Controller
@RequestMapping("/ui")
public class ListUiController {
    static final String READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')";

    private final AccountList accounts;
    private final MeterList meters;
    private final Registry registry;
    private final GatewayRegistry gateways;
    private final Search search;
    private final PageTexts texts;

    public ListUiController(AccountList accounts, MeterList meters, Registry registry, GatewayRegistry gateways,
                            Search search, PageTexts texts) {
        this.accounts = accounts;
        this.meters = meters;
        this.registry = registry;
        this.gateways = gateways;
        this.search = search;
        this.texts = texts;
    }

    @GetMapping("/accounts")
    @PreAuthorize(READERS)
    public String accounts(TenantId tenant, @RequestParam Map<String, String> sent,
                           @RequestParam(required = false) String state,
                           @RequestParam(required = false) String utility,
                           @RequestParam(required = false) String property,
                           @RequestParam(required = false) Long balanceBelow,
                           @RequestParam(required = false) String supplyOff,
                           @RequestParam(required = false) Integer notReadForHours,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) String sort,
                           HttpServletRequest request, Model model) {
        ListPage<AccountList.Row> rows = accounts.list(tenant, scope(), AccountList.Filters.of(state, utility, property,
                balanceBelow, yesNo("supplyOff", supplyOff), notReadSince(notReadForHours)),
                AccountList.window(page, null, sort));
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = new ListPages.Builder(request.getRequestURI(), sent,
                rows.sort())
                .column("col.account", "accountId", false)
                .column("col.property", "propertyId", false)
                .column("col.unit", "unitId", false)
                .column("col.utility", null, false)
                .column("col.state", "state", false)
                .column("col.balance", "balance", true)
                .column("col.arrears", "arrears", true)
                .column("col.supply", null, false)
                .column("col.last-reading", "lastReadAt", false);
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(a -> List.of(
                ListPages.Cell.link(a.accountId(), base + "/ui/accounts/" + a.accountId()),
                propertyCell(base, a.propertyId()),
                ListPages.Cell.of(a.unitId()),
                ListPages.Cell.of(utilityText(a.utility())),
                new ListPages.Cell(stateText(a.state()), null, "state " + a.state()),
                ListPages.Cell.of(fmt.money(a.balanceMinor(), a.currency())),
                ListPages.Cell.of(fmt.money(a.arrearsMinor(), a.currency())),
                ListPages.Cell.of(texts.text("supply." + (a.supplyOff() ? "OFF" : "ON"))),
                ListPages.Cell.of(a.lastReadAt() == null ? null : fmt.time(a.lastReadAt())))).toList();
        List<ListPages.Field> filters = List.of(
                ListPages.Field.select("state", "col.state", state, options(AccountList.STATES, "list.state.")),
                utilityField(utility),
                propertyField(tenant, property),
                ListPages.Field.number("balanceBelow", "list.filter.balance-below", text(balanceBelow)),
                ListPages.Field.select("supplyOff", "col.supply", supplyOff, supplyOptions()),
                ListPages.Field.number("notReadForHours", "list.filter.not-read-for", text(notReadForHours)));
        model.addAttribute("list", builder.shown("list.accounts.title", filters, rows, cells));
        return "ui/list";
    }

    @GetMapping("/meters")
    @PreAuthorize(READERS)
    public String meters(TenantId tenant, @RequestParam Map<String, String> sent,
                         @RequestParam(required = false) String utility,
                         @RequestParam(required = false) String property,
                         @RequestParam(required = false) String supplyOff,
                         @RequestParam(required = false) Integer notReadForHours,
                         @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) String sort,
                         HttpServletRequest request, Model model) {
        ListPage<MeterList.Row> rows = meters.list(tenant, scope(), MeterList.Filters.of(utility, property,
                yesNo("supplyOff", supplyOff), notReadSince(notReadForHours)), MeterList.window(page, null, sort));
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = new ListPages.Builder(request.getRequestURI(), sent, rows.sort())
                .column("col.meter", "meterId", false)
                .column("col.property", "propertyId", false)
                .column("col.unit", "unitId", false)
                .column("col.utility", "utility", false)
                .column("col.account", null, false)
                .column("col.last-register", null, true)
                .column("col.last-reading", "lastReadAt", false)
                .column("col.supply", null, false);
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(m -> List.of(
                ListPages.Cell.of(m.meterId()),
                propertyCell(base, m.propertyId()),
                ListPages.Cell.of(m.unitId()),
                ListPages.Cell.of(utilityText(m.utility())),
                m.accountId() == null ? ListPages.Cell.of(null)
                        : ListPages.Cell.link(m.accountId(), base + "/ui/accounts/" + m.accountId()),
                ListPages.Cell.of(m.lastRegister() == null ? null : m.lastRegister().toPlainString()),
                ListPages.Cell.of(m.lastReadAt() == null ? null : fmt.time(m.lastReadAt())),
                ListPages.Cell.of(texts.text("supply." + m.supplyConfirmed())))).toList();
        List<ListPages.Field> filters = List.of(utilityField(utility), propertyField(tenant, property),
                ListPages.Field.select("supplyOff", "col.supply", supplyOff, supplyOptions()),
                ListPages.Field.number("notReadForHours", "list.filter.not-read-for", text(notReadForHours)));
        model.addAttribute("list", builder.shown("list.meters.title", filters, rows, cells));
        return "ui/list";
    }

    @GetMapping("/units")
    @PreAuthorize(READERS)
    public String units(TenantId tenant, @RequestParam Map<String, String> sent,
                        @RequestParam(required = false) String property,
                        @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) String sort,
                        HttpServletRequest request, Model model) {
        String propertyId = ListFilters.id("property", property);
        ListPage<Registry.Unit> rows = registry.units(tenant, scope(),
                propertyId == null ? null : new PropertyId(propertyId),
                com.meterledger.api.listing.ListWindow.of(page, null, sort,
                        List.copyOf(new TreeSet<>(Registry.UNIT_SORTS.keySet())), "unitId"));
        ListPages.Builder builder = new ListPages.Builder(request.getRequestURI(), sent, rows.sort())
                .column("col.unit", "unitId", false)
                .column("list.col.name", "name", false)
                .column("col.property", "propertyId", false);
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(u -> List.of(
                ListPages.Cell.link(u.unitId(), base + "/ui/accounts?property=" + u.propertyId()),
                ListPages.Cell.of(u.name()),
                propertyCell(base, u.propertyId()))).toList();
        model.addAttribute("list", builder.shown("list.units.title", List.of(propertyField(tenant, property)), rows,
                cells));
        return "ui/list";
    }

    @GetMapping("/gateways")
    @PreAuthorize(READERS)
    public String gateways(TenantId tenant, @RequestParam Map<String, String> sent,
                           @RequestParam(required = false) String property,
                           @RequestParam(required = false) String offline,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) String sort,
                           HttpServletRequest request, Model model) {
        ListPage<GatewayRegistry.GatewayListItem> rows = gateways.list(tenant, scope(),
                ListFilters.id("property", property), yesNo("offline", offline),
                com.meterledger.api.listing.ListWindow.of(page, null, sort,
                        List.copyOf(new TreeSet<>(GatewayRegistry.SORTS.keySet())), "gatewayId"));
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = new ListPages.Builder(request.getRequestURI(), sent, rows.sort())
                .column("list.col.gateway", "gatewayId", false)
                .column("list.col.name", "name", false)
                .column("col.property", "propertyId", false)
                .column("col.status", null, false)
                .column("list.col.last-seen", "lastSeenAt", false)
                .column("list.col.meters", null, true)
                .column("list.col.refused", null, true);
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(g -> List.of(
                ListPages.Cell.of(g.gatewayId()),
                ListPages.Cell.of(g.name()),
                propertyCell(base, g.propertyId()),
                new ListPages.Cell(texts.text(g.online() ? "list.online" : "list.offline"), null,
                        g.online() ? "state ACTIVE" : "state CUT"),
                ListPages.Cell.of(g.lastSeenAt() == null ? null : fmt.time(g.lastSeenAt())),
                ListPages.Cell.of(Long.toString(g.meters())),
                ListPages.Cell.of(Long.toString(g.counters().readingsRejected() + g.counters().messagesRejected()))))
                .<List<ListPages.Cell>>map(row -> row).toList();
        Map<String, String> offlineOptions = new LinkedHashMap<>();
        offlineOptions.put("true", "list.offline");
        offlineOptions.put("false", "list.online");
        model.addAttribute("list", builder.shown("list.gateways.title", List.of(propertyField(tenant, property),
                ListPages.Field.select("offline", "col.status", offline, offlineOptions)), rows, cells));
        return "ui/list";
    }

    @GetMapping("/search")
    @PreAuthorize(READERS)
    public String search(TenantId tenant, @RequestParam(required = false) String q, HttpServletRequest request,
                         Model model) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            String base = request.getContextPath();
            List<Map<String, String>> hits = new ArrayList<>();
            for (Search.Hit hit : search.search(tenant, scope(), q)) {
                Map<String, String> shown = new LinkedHashMap<>();
                shown.put("kind", texts.text("search.kind." + hit.kind()));
                shown.put("id", hit.id());
                shown.put("name", hit.name() == null ? "" : hit.name());
                shown.put("propertyId", hit.propertyId() == null ? "" : hit.propertyId());
                shown.put("href", switch (hit.kind()) {
                    case ACCOUNT -> base + "/ui/accounts/" + hit.id();
                    case UNIT -> base + "/ui/accounts?property=" + hit.propertyId();
                    case METER -> base + "/ui/meters?property=" + hit.propertyId();
                    case GATEWAY -> base + "/ui/gateways?property=" + hit.propertyId();
                    case TARIFF -> base + "/ui/tariffs/" + org.springframework.web.util.UriUtils.encodePathSegment(
                            hit.id(), java.nio.charset.StandardCharsets.UTF_8);
                });
                hits.add(shown);
            }
            model.addAttribute("hits", hits);
        }
        return "ui/search";
    }

    private static PropertyScope scope() {
        return PropertyScopePermissions.scope();
    }

    private ListPages.Cell propertyCell(String base, String propertyId) {
        return propertyId == null ? ListPages.Cell.of(null)
                : ListPages.Cell.link(propertyId, base + "/ui/properties/" + propertyId);
    }

    private ListPages.Field utilityField(String utility) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Utility u : Utility.values()) {
            options.put(u.name(), "utility." + u.name());
        }
        return ListPages.Field.select("utility", "col.utility", utility, options);
    }

    /** The properties the caller sees, as the filter's choices (at most the first page of 200). */
    private ListPages.Field propertyField(TenantId tenant, String property) {
        Map<String, String> options = new LinkedHashMap<>();
        registry.properties(tenant, scope(), com.meterledger.api.listing.ListWindow.of(0, 200, "name",
                        List.of("name", "propertyId"), "name"))
                .items().forEach(p -> options.put(p.propertyId(), "=" + p.name()));
        return ListPages.Field.select("property", "col.property", property, options);
    }

    private static Map<String, String> options(List<String> codes, String prefix) {
        Map<String, String> options = new LinkedHashMap<>();
        codes.forEach(code -> options.put(code, prefix + code));
        return options;
    }

    private static Map<String, String> supplyOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("true", "supply.OFF");
        options.put("false", "supply.ON");
        return options;
    }

    private String utilityText(String utility) {
        return utility == null ? null : texts.text("utility." + utility);
    }

    private String stateText(String state) {
        return texts.text("list.state." + state);
    }

    /** A yes/no select: blank is either, else true or false; anything else is refused naming the field. */
    private static Boolean yesNo(String field, String value) {
        String code = ListFilters.oneOf(field, value, List.of("TRUE", "FALSE"));
        return code == null ? null : code.equals("TRUE");
    }

    /** "Not read for N hours" as the API's lastReadingBefore; N from 1 to ten years of hours. */
    private static Instant notReadSince(Integer hours) {
        if (hours == null) {
            return null;
        }
        if (hours < 1 || hours > 87_600) {
            throw new com.meterledger.api.error.FieldRejected("notReadForHours", "list-filter-out-of-range",
                    "must be from 1 to 87600 hours");
        }
        return Instant.now().minus(Duration.ofHours(hours));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
