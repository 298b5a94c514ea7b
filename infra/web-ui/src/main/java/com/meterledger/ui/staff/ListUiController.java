package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.gateway.meter.registry.GatewayListController;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.query.listing.AccountList;
import com.meterledger.query.listing.MeterList;
import com.meterledger.query.listing.Search;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.tenantadmin.registry.RegistryController;
import com.meterledger.tenantadmin.registry.UnitListController;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

/**
 * The lists of properties, accounts, meters, units and gateways across the properties the caller sees, and the search box's
 * page. Each handler calls the bean its API endpoint calls ({@code GET /api/accounts}, ...), with the same rule and the
 * same scope; filters are a plain GET form, so every list state is a link that can be bookmarked or sent on.
 * A parameter that makes no sense is refused with the API's own rule, shown beside the filter it names in the
 * reader's language (the list page itself, with no rows, answered 400). Every list here pages with its API's keyset
 * cursor ("next" continues after the last row: a page 100,000 rows in costs what the first one does), and a page
 * reached by a cursor links back to the first page.
 */
@Controller
@RequestMapping("/ui")
public class ListUiController {
    static final String READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')";
    static final String NOT_A_NUMBER = "list-filter-not-a-number";
    static final String OUT_OF_RANGE = "list-filter-out-of-range";

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
                           @RequestParam(required = false) String balanceBelow,
                           @RequestParam(required = false) String supplyOff,
                           @RequestParam(required = false) String notReadForHours,
                           @RequestParam(required = false) String page,
                           @RequestParam(required = false) String sort,
                           @RequestParam(required = false) String cursor,
                           HttpServletRequest request, HttpServletResponse response, Model model) {
        List<ListPages.Field> filters = List.of(
                ListPages.Field.select("state", "col.state", state, options(AccountList.STATES, "list.state.")),
                utilityField(utility),
                propertyField(tenant, property),
                ListPages.Field.number("balanceBelow", "list.filter.balance-below", balanceBelow),
                ListPages.Field.select("supplyOff", "col.supply", supplyOff, supplyOptions()),
                ListPages.Field.number("notReadForHours", "list.filter.not-read-for", notReadForHours));
        ListPage<AccountList.Row> rows;
        try {
            rows = accounts.list(tenant, scope(), AccountList.Filters.of(state, utility, property,
                    whole("balanceBelow", balanceBelow, Long.MIN_VALUE, Long.MAX_VALUE), yesNo("supplyOff", supplyOff),
                    notReadSince(notReadForHours)), AccountList.window(pageNumber(page), null, sort, cursor,
                    ListPages.values(filters)));
        } catch (FieldRejected e) {
            return refused(accountColumns(request, sent, sort), "list.accounts.title", filters, e, response, model);
        }
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = accountColumns(request, sent, rows.sort());
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
        model.addAttribute("list", builder.shown("list.accounts.title", filters, rows, cells, byCursor(cursor)));
        return "ui/list";
    }

    private static ListPages.Builder accountColumns(HttpServletRequest request, Map<String, String> sent, String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("col.account", "accountId", false)
                .column("col.property", "propertyId", false)
                .column("col.unit", "unitId", false)
                .column("col.utility", null, false)
                .column("col.state", "state", false)
                .column("col.balance", "balance", true)
                .column("col.arrears", "arrears", true)
                .column("col.supply", null, false)
                .column("col.last-reading", "lastReadAt", false);
    }

    @GetMapping("/meters")
    @PreAuthorize(READERS)
    public String meters(TenantId tenant, @RequestParam Map<String, String> sent,
                         @RequestParam(required = false) String utility,
                         @RequestParam(required = false) String property,
                         @RequestParam(required = false) String supplyOff,
                         @RequestParam(required = false) String notReadForHours,
                         @RequestParam(required = false) String page,
                         @RequestParam(required = false) String sort,
                         @RequestParam(required = false) String cursor,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        List<ListPages.Field> filters = List.of(utilityField(utility), propertyField(tenant, property),
                ListPages.Field.select("supplyOff", "col.supply", supplyOff, supplyOptions()),
                ListPages.Field.number("notReadForHours", "list.filter.not-read-for", notReadForHours));
        ListPage<MeterList.Row> rows;
        try {
            rows = meters.list(tenant, scope(), MeterList.Filters.of(utility, property, yesNo("supplyOff", supplyOff),
                    notReadSince(notReadForHours)), MeterList.window(pageNumber(page), null, sort, cursor,
                    ListPages.values(filters)));
        } catch (FieldRejected e) {
            return refused(meterColumns(request, sent, sort), "list.meters.title", filters, e, response, model);
        }
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = meterColumns(request, sent, rows.sort());
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
        model.addAttribute("list", builder.shown("list.meters.title", filters, rows, cells, byCursor(cursor)));
        return "ui/list";
    }

    private static ListPages.Builder meterColumns(HttpServletRequest request, Map<String, String> sent, String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("col.meter", "meterId", false)
                .column("col.property", "propertyId", false)
                .column("col.unit", "unitId", false)
                .column("col.utility", "utility", false)
                .column("col.account", null, false)
                .column("col.last-register", null, true)
                .column("col.last-reading", "lastReadAt", false)
                .column("col.supply", null, false);
    }

    @GetMapping("/properties")
    @PreAuthorize(READERS)
    public String properties(TenantId tenant, @RequestParam Map<String, String> sent,
                             @RequestParam(required = false) String page,
                             @RequestParam(required = false) String sort,
                             @RequestParam(required = false) String cursor,
                             HttpServletRequest request, HttpServletResponse response, Model model) {
        List<ListPages.Field> filters = List.of();
        ListPage<Registry.Property> rows;
        try {
            rows = registry.properties(tenant, scope(), RegistryController.window(pageNumber(page), null, sort, cursor));
        } catch (FieldRejected e) {
            return refused(propertyColumns(request, sent, sort), "list.properties.title", filters, e, response, model);
        }
        ListPages.Builder builder = propertyColumns(request, sent, rows.sort());
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(p -> List.of(
                propertyCell(base, p.propertyId()),
                ListPages.Cell.of(p.name()),
                ListPages.Cell.of(p.address()),
                ListPages.Cell.link(texts.text("list.properties.units"), base + "/ui/units?property="
                        + p.propertyId()))).toList();
        model.addAttribute("list", builder.shown("list.properties.title", filters, rows, cells, byCursor(cursor)));
        return "ui/list";
    }

    private static ListPages.Builder propertyColumns(HttpServletRequest request, Map<String, String> sent,
                                                     String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("col.property", "propertyId", false)
                .column("list.col.name", "name", false)
                .column("field.address", null, false)
                .column("list.units.title", null, false);
    }

    @GetMapping("/units")
    @PreAuthorize(READERS)
    public String units(TenantId tenant, @RequestParam Map<String, String> sent,
                        @RequestParam(required = false) String property,
                        @RequestParam(required = false) String page,
                        @RequestParam(required = false) String sort,
                        @RequestParam(required = false) String cursor,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        List<ListPages.Field> filters = List.of(propertyField(tenant, property));
        ListPage<Registry.Unit> rows;
        try {
            String propertyId = ListFilters.id("property", property);
            rows = registry.units(tenant, scope(), propertyId == null ? null : new PropertyId(propertyId),
                    UnitListController.window(pageNumber(page), null, sort, cursor, ListPages.values(filters)));
        } catch (FieldRejected e) {
            return refused(unitColumns(request, sent, sort), "list.units.title", filters, e, response, model);
        }
        ListPages.Builder builder = unitColumns(request, sent, rows.sort());
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(u -> List.of(
                ListPages.Cell.link(u.unitId(), base + "/ui/accounts?property=" + u.propertyId()),
                ListPages.Cell.of(u.name()),
                propertyCell(base, u.propertyId()))).toList();
        model.addAttribute("list", builder.shown("list.units.title", filters, rows, cells, byCursor(cursor)));
        return "ui/list";
    }

    private static ListPages.Builder unitColumns(HttpServletRequest request, Map<String, String> sent, String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("col.unit", "unitId", false)
                .column("list.col.name", "name", false)
                .column("col.property", "propertyId", false);
    }

    @GetMapping("/gateways")
    @PreAuthorize(READERS)
    public String gateways(TenantId tenant, @RequestParam Map<String, String> sent,
                           @RequestParam(required = false) String property,
                           @RequestParam(required = false) String offline,
                           @RequestParam(required = false) String page,
                           @RequestParam(required = false) String sort,
                           @RequestParam(required = false) String cursor,
                           HttpServletRequest request, HttpServletResponse response, Model model) {
        Map<String, String> offlineOptions = new LinkedHashMap<>();
        offlineOptions.put("true", "list.offline");
        offlineOptions.put("false", "list.online");
        List<ListPages.Field> filters = List.of(propertyField(tenant, property),
                ListPages.Field.select("offline", "col.status", offline, offlineOptions));
        ListPage<GatewayRegistry.GatewayListItem> rows;
        try {
            rows = gateways.list(tenant, scope(), ListFilters.id("property", property), yesNo("offline", offline),
                    GatewayListController.window(pageNumber(page), null, sort, cursor, ListPages.values(filters)));
        } catch (FieldRejected e) {
            return refused(gatewayColumns(request, sent, sort), "list.gateways.title", filters, e, response, model);
        }
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = gatewayColumns(request, sent, rows.sort());
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
        model.addAttribute("list", builder.shown("list.gateways.title", filters, rows, cells, byCursor(cursor)));
        return "ui/list";
    }

    private static ListPages.Builder gatewayColumns(HttpServletRequest request, Map<String, String> sent,
                                                    String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("list.col.gateway", "gatewayId", false)
                .column("list.col.name", "name", false)
                .column("col.property", "propertyId", false)
                .column("col.status", null, false)
                .column("list.col.last-seen", "lastSeenAt", false)
                .column("list.col.meters", null, true)
                .column("list.col.refused", null, true);
    }

    /**
     * A filter or paging parameter that makes no sense, refused by the API's own rule: the same list page with no
     * rows, the refusal beside the filter it names (a 400, so the answer is still a refusal), never a problem page.
     */
    private String refused(ListPages.Builder builder, String titleKey, List<ListPages.Field> filters, FieldRejected e,
                           HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("list", builder.refused(titleKey, filters, e.field(), ListPages.refusal(texts, filters, e)));
        return "ui/list";
    }

    private static boolean byCursor(String cursor) {
        return cursor != null && !cursor.isBlank();
    }

    /** The page number as sent: blank is the first page; anything but a whole number is refused naming it. */
    private static Integer pageNumber(String page) {
        Long number = whole(ListWindow.PAGE, page, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return number == null ? null : number.intValue();
    }

    /** A number typed into a filter: blank is none; not a whole number, or outside the range, is refused naming it. */
    private static Long whole(String field, String text, long min, long max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new FieldRejected(field, NOT_A_NUMBER, "must be a whole number");
        }
        if (value < min || value > max) {
            throw new FieldRejected(field, OUT_OF_RANGE, "must be from " + min + " to " + max);
        }
        return value;
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
        registry.properties(tenant, scope(), RegistryController.window(0, ListWindow.MAX_SIZE, "name", null))
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
    private static Instant notReadSince(String text) {
        Long hours = whole("notReadForHours", text, 1, 87_600);
        return hours == null ? null : Instant.now().minus(Duration.ofHours(hours));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
