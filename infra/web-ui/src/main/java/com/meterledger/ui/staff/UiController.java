package com.meterledger.ui.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountState.Standing;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.Roles;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.gateway.payment.PaymentRecords;
import com.meterledger.query.account.PropertyOverview;
import com.meterledger.query.dashboard.DashboardQueries;
import com.meterledger.query.dashboard.DashboardUpdates;
import com.meterledger.query.dashboard.PropertyDashboard;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.PageTexts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The landlord's pages: the properties the caller sees, a property's live dashboard, its accounts and meters, one
 * account's balance and statement. Each handler has the same rule as the API endpoint that shows the same data.
 */
@Controller
@RequestMapping("/ui")
public class UiController {
    static final String PROPERTY_READERS =
            "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#propertyId, 'property', 'manage')";
    static final String ACCOUNT_READERS =
            "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')";
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L;
    private static final List<String> PROPERTY_LISTERS = List.of(Roles.TENANT_ADMIN, Roles.FINANCE, Roles.AUDITOR,
            Roles.PROPERTY_MANAGER);

    private final Registry registry;
    private final PropertyOverview overviews;
    private final AccountQueries accounts;
    private final DashboardQueries dashboards;
    private final DashboardUpdates updates;
    private final TemplateEngine templates;
    private final PageFormats formats;
    private final PageTexts texts;
    private final ObjectMapper json;
    private final LiveStreams streams;
    private final PropertyScopePermissions permissions;
    private final CutHolds holds;
    private final PaymentRecords paymentRecords;
    private final RememberedDeviceUiController rememberedDevices;

    public UiController(Registry registry, PropertyOverview overviews, AccountQueries accounts,
                        DashboardQueries dashboards, DashboardUpdates updates, TemplateEngine templates,
                        PageFormats formats, PageTexts texts, ObjectMapper json, LiveStreams streams, PropertyScopePermissions permissions,
                        CutHolds holds, PaymentRecords paymentRecords,
                        RememberedDeviceUiController rememberedDevices) {
        this.paymentRecords = paymentRecords;
        this.rememberedDevices = rememberedDevices;
        this.registry = registry;
        this.overviews = overviews;
        this.accounts = accounts;
        this.dashboards = dashboards;
        this.updates = updates;
        this.templates = templates;
        this.formats = formats;
        this.texts = texts;
        this.json = json;
        this.streams = streams;
        this.permissions = permissions;
        this.holds = holds;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    public String home(Model model) {
        // the roles that may list properties through the API too (GET /api/properties)
        boolean lists = PROPERTY_LISTERS.stream().anyMatch(Caller::hasRole);
        List<Registry.Property> properties = !lists ? List.of() : registry.properties(Caller.tenant()).stream()
                .filter(property -> PropertyScopePermissions.seesProperty(property.propertyId())).toList();
        model.addAttribute("properties", properties);
        return "ui/home";
    }

    @GetMapping("/signed-out")
    @PublicEndpoint("the signed-out notice shows no data")
    public String signedOut(@RequestParam(required = false) String failed, Model model) {
        // a template may not read request parameters where it inserts a fragment (the head's title)
        model.addAttribute("failed", failed != null);
        return "ui/signed-out";
    }

    @GetMapping("/properties/{propertyId}")
    @PreAuthorize(PROPERTY_READERS)
    public String dashboard(TenantId tenant, @PathVariable String propertyId, HttpServletRequest request,
                            Model model) {
        model.addAllAttributes(live(tenant, dashboards.dashboard(tenant, new PropertyId(propertyId)),
                request.getContextPath(), settingsLink(request.getContextPath()), formats.current()));
        return "ui/dashboard";
    }

    /**
     * Server-sent events: the dashboard's live part, rendered now and again whenever dashboard-projection reports a
     * change of the property (through {@link DashboardUpdates}, a subscription query).
     */
    @GetMapping(path = "/properties/{propertyId}/stream", produces = "text/event-stream")
    @PreAuthorize(PROPERTY_READERS)
    public SseEmitter stream(TenantId tenant, @PathVariable String propertyId, HttpServletRequest request) {
        String base = request.getContextPath();
        String settingsLink = settingsLink(base);
        // the stream's events are rendered outside the request: in the language and zone it was opened with
        UiFormat format = formats.current();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        subscription.set(updates.subscribe(tenant, new PropertyId(propertyId), dashboard -> {
            try {
                Context context = new Context(format.locale());
                context.setVariables(live(tenant, dashboard, base, settingsLink, format));
                String html = templates.process("ui/dashboard", Set.of("live"), context);
                emitter.send(SseEmitter.event().name("dashboard").data(html.replace('\n', ' ')));
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
            }
        }));
        return streams.track(emitter, () -> close(subscription.get()));
    }

    @GetMapping("/properties/{propertyId}/accounts")
    @PreAuthorize(PROPERTY_READERS)
    public String accounts(TenantId tenant, @PathVariable String propertyId, HttpServletRequest request,
                           Model model) {
        PropertyOverview.Overview overview = overviews.of(tenant, propertyId);
        model.addAttribute("overview", overview);
        if (overview.accounts().stream().anyMatch(a -> a.cutHeldSince() != null)) {
            model.addAttribute("friendly", holds.now(tenant));
            model.addAttribute("settingsLink", settingsLink(request.getContextPath()));
        }
        return "ui/accounts";
    }

    @GetMapping("/properties/{propertyId}/meters")
    @PreAuthorize(PROPERTY_READERS)
    public String meters(TenantId tenant, @PathVariable String propertyId, Model model) {
        model.addAttribute("overview", overviews.of(tenant, propertyId));
        return "ui/meters";
    }

    @GetMapping("/accounts/{accountId}")
    @PreAuthorize(ACCOUNT_READERS)
    public String account(TenantId tenant, @PathVariable String accountId,
                          @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                          HttpServletRequest request, Model model) {
        AccountQueries.AccountBalance balance = accounts.balance(tenant, accountId);
        model.addAttribute("account", balance);
        dashboards.cutHeldSince(tenant, accountId).ifPresent(since -> {
            model.addAttribute("cutHeldSince", since);
            model.addAttribute("friendly", holds.now(tenant));
            model.addAttribute("settingsLink", settingsLink(request.getContextPath()));
        });
        model.addAttribute("propertyId", overviews.propertyOfAccount(tenant, accountId));
        AccountQueries.Statement statement = accounts.statement(tenant, accountId, from, to);
        model.addAttribute("statement", statement);
        // channels: how each online top-up was paid, as Stripe told it (card, WeChat Pay, Alipay)
        model.addAttribute("paidWith", paymentRecords.methodsOf(tenant, statement.lines().stream()
                .filter(line -> "CREDIT".equals(line.kind()) && line.reference() != null)
                .map(AccountQueries.StatementLine::reference).distinct().toList()));
        // the forms follow the rules of PaymentLinkUiController's and OfflinePaymentUiController's handlers
        boolean finance = Caller.hasRole(Roles.TENANT_ADMIN) || Caller.hasRole(Roles.FINANCE);
        boolean issuer = finance || permissions.manages("account", accountId);
        model.addAttribute("mayIssueLink", issuer);
        model.addAttribute("mayManage", finance);
        // the phones occupants let the portal remember: whoever may issue a link may revoke one (RememberedDevices)
        rememberedDevices.section(model, tenant, accountId, issuer);
        return "ui/account";
    }

    /**
     * The settings page for those who may change the friendly hours (the tenant's administrators), beside a cut they
     * hold; null for everyone else, who may only read them.
     */
    private static String settingsLink(String base) {
        return Caller.hasRole(Roles.TENANT_ADMIN) ? base + "/ui/settings" : null;
    }

    /**
     * The dashboard's live part; {@code base} is the context path and {@code settingsLink} decided for the caller
     * beforehand (both are rendered outside a request too). The friendly window is read only when it holds a cut.
     */
    private Map<String, Object> live(TenantId tenant, PropertyDashboard dashboard, String base, String settingsLink,
                                     UiFormat format) {
        Locale locale = format.locale();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("series", Map.of("today", texts.in(locale, "chart.today"), "month", texts.in(locale, "chart.month")));
        chart.put("consumption", Map.of(
                "labels", dashboard.consumption().stream().map(c -> texts.in(locale, "utility." + c.utility())
                        + " (" + c.unit() + ")").toList(),
                "today", dashboard.consumption().stream().map(PropertyDashboard.Consumption::today).toList(),
                "month", dashboard.consumption().stream().map(PropertyDashboard.Consumption::month).toList()));
        chart.put("money", Map.of(
                "labels", dashboard.money().stream().map(PropertyDashboard.MoneyFigures::currency).toList(),
                "today", dashboard.money().stream()
                        .map(m -> format.amount(m.chargesTodayMinor(), m.currency())).toList(),
                "month", dashboard.money().stream()
                        .map(m -> format.amount(m.chargesMonthMinor(), m.currency())).toList()));
        PropertyDashboard.AccountStates states = dashboard.accounts();
        chart.put("states", Map.of("labels", Stream.of(Standing.ACTIVE, Standing.LOW, Standing.DEPLETED, Standing.CUT,
                        Standing.CLOSED).map(standing -> texts.in(locale, "standing." + standing.name())).toList(),
                "values", List.of(states.active(), states.low(), states.depleted(), states.cut(), states.closed())));
        try {
            Map<String, Object> variables = new LinkedHashMap<>(Map.of("dashboard", dashboard,
                    "chart", json.writeValueAsString(chart), "fmt", format, "base", base));
            if (!dashboard.heldCuts().isEmpty()) {
                variables.put("friendly", holds.now(tenant));
                variables.put("settingsLink", settingsLink);
            }
            return variables;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(AutoCloseable subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception ignored) {
            // cancelling a scheduled look cannot fail in a way worth reporting
        }
    }
}
