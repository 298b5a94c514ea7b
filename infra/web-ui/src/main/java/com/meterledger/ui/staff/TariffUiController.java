package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.core.tariff.web.TariffController;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.core.tariff.web.TariffController.CreateTariffRequest;
import com.meterledger.core.tariff.web.TariffController.DryRunRequest;
import com.meterledger.core.tariff.web.TariffController.ScheduleRequest;
import com.meterledger.core.tariff.web.TariffController.TierRequest;
import com.meterledger.core.tariff.web.TariffController.VersionRequest;
import com.meterledger.query.listing.TariffList;
import com.meterledger.ui.i18n.PageFormats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tariffs in the browser: the tenant's tariffs as a list (filters, sort, pages: {@link TariffList}, the bean
 * {@code GET /api/tariffs} calls, with its rules), create one, read its versions, and a proposed version's dry run over
 * the accounts on the tariff before it is published. The dry run and the publication are {@link TariffController}'s
 * own handlers, so the schedule's rules (tiers ascending, precision, never in the past) are the API's; the publish button appears only
 * beside the dry run of the very version it publishes.
 */
@Controller
public class TariffUiController {
    /**
     * A version proposed for "now" (the field left blank) takes effect this much later: the tariff refuses a version
     * in the past, and "now" read here is already past when the command is handled (a few ms, seconds under load).
     */
    static final java.time.Duration NOW_LEAD = java.time.Duration.ofSeconds(5);
    private final TariffController tariffs;
    private final PageFormats formats;
    private final Forms forms;
    private final com.meterledger.ui.i18n.PageTexts texts;
    private final TariffList list;

    public TariffUiController(TariffController tariffs, PageFormats formats, Forms forms,
                              com.meterledger.ui.i18n.PageTexts texts, TariffList list) {
        this.texts = texts;
        this.list = list;
        this.tariffs = tariffs;
        this.formats = formats;
        this.forms = forms;
    }

    /**
     * The tenant's tariffs, filtered and sorted as the API's list is (a plain GET form: every state of the list is a
     * link), above the form that creates one. With {@code tariffId}, the tariff named in the box.
     */
    @GetMapping("/ui/tariffs")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String tariffs(TenantId tenant, @RequestParam Map<String, String> sent,
                          @RequestParam(required = false) String tariffId, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        if (tariffId != null && !tariffId.isBlank()) {
            return "redirect:/ui/tariffs/" + org.springframework.web.util.UriUtils.encodePathSegment(tariffId.strip(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        Forms.defaultForm(model, Map.of());
        return page(tenant, sent, request, response, model);
    }

    /**
     * The list part of the page; a filter or paging parameter that makes no sense is refused in place, beside the
     * filter it names (or above the table for a paging parameter), with a 400 and no rows, as on the other lists.
     */
    private String page(TenantId tenant, Map<String, String> sent, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        List<ListPages.Field> filters = List.of(
                ListPages.Field.text("name", "tariffs.filter.name", text(sent.get("name"))),
                ListPages.Field.select("utility", "col.utility", sent.get("utility"), options(
                        java.util.Arrays.stream(Utility.values()).map(Enum::name).toList(), "utility.")),
                ListPages.Field.select("kind", "tariffs.col.kind", sent.get("kind"),
                        options(TariffList.KINDS, "landlord.tariff.kind.")),
                ListPages.Field.select("state", "col.state", sent.get("state"),
                        options(TariffList.STATES, "tariffs.state.")));
        model.addAttribute("utilities", Utility.values());
        ListPage<TariffList.Row> rows;
        try {
            TariffList.Filters chosen = TariffList.Filters.of(sent.get("utility"), sent.get("kind"), sent.get("state"),
                    sent.get("name"));
            rows = list.list(tenant, PropertyScopePermissions.scope(), chosen, TariffList.window(
                    whole("page", sent.get("page")), whole("size", sent.get("size")), sent.get("sort"),
                    sent.get("cursor"), chosen.values()));
        } catch (FieldRejected e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("list", columns(request, sent, sent.get("sort")).refused("landlord.tariffs.title",
                    filters, e.field(), ListPages.refusal(texts, filters, e)));
            return "ui/tariffs";
        }
        UiFormat fmt = (UiFormat) model.getAttribute("fmt");
        ListPages.Builder builder = columns(request, sent, rows.sort());
        String base = request.getContextPath();
        List<List<ListPages.Cell>> cells = rows.items().stream().map(t -> List.of(
                ListPages.Cell.link(t.tariffId(), base + "/ui/tariffs/" + org.springframework.web.util.UriUtils
                        .encodePathSegment(t.tariffId(), java.nio.charset.StandardCharsets.UTF_8)),
                ListPages.Cell.of(t.name()),
                ListPages.Cell.of(texts.text("utility." + t.utility())),
                ListPages.Cell.of(t.kind() == null ? null : texts.text("landlord.tariff.kind." + t.kind())),
                new ListPages.Cell(texts.text("tariffs.state." + t.state()), null,
                        "state " + (t.state().equals("DRAFT") ? "LOW" : "ACTIVE")),
                ListPages.Cell.of(t.versionInForce() == null ? texts.text("tariffs.in-force.none")
                        : texts.text("tariffs.in-force.version", t.versionInForce(), fmt.time(t.inForceFrom()))),
                ListPages.Cell.of(Long.toString(t.accounts())),
                ListPages.Cell.of(fmt.time(t.createdAt())))).toList();
        String cursor = sent.get("cursor");
        model.addAttribute("list", builder.shown("landlord.tariffs.title", filters, rows, cells,
                cursor != null && !cursor.isBlank()));
        return "ui/tariffs";
    }

    private static ListPages.Builder columns(HttpServletRequest request, Map<String, String> sent, String sort) {
        return new ListPages.Builder(request.getRequestURI(), sent, sort)
                .column("landlord.tariff.id", "tariffId", false)
                .column("list.col.name", "name", false)
                .column("col.utility", "utility", false)
                .column("tariffs.col.kind", null, false)
                .column("col.state", "state", false)
                .column("tariffs.col.in-force", null, false)
                .column("tariffs.col.accounts", null, true)
                .column("tariffs.col.created", "createdAt", false);
    }

    private static Map<String, String> options(List<String> codes, String prefix) {
        Map<String, String> options = new LinkedHashMap<>();
        codes.forEach(code -> options.put(code, prefix + code));
        return options;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** A whole-number parameter as sent; beyond an int it is the list's own refusal of that parameter. */
    private static Integer whole(String field, String value) {
        Long number = FormValues.whole(field, value);
        return number == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
    }

    @PostMapping("/ui/tariffs")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String create(TenantId tenant, @RequestParam Map<String, String> form, HttpServletRequest request,
                         HttpServletResponse response, Model model) {
        model.addAttribute("form", form);
        boolean created = forms.attempt(model, "tariff", () -> tariffs.create(forms.checked(new CreateTariffRequest(
                FormValues.text(form.get("tariffId")), FormValues.text(form.get("name")),
                FormValues.choice("utility", Utility.class, form.get("utility")),
                FormValues.text(form.get("currency")), FormValues.text(form.get("zone"))))));
        return created ? "redirect:/ui/tariffs/" + org.springframework.web.util.UriUtils.encodePathSegment(
                form.get("tariffId").strip(), java.nio.charset.StandardCharsets.UTF_8)
                : page(tenant, Map.of(), request, response, model);
    }

    @GetMapping("/ui/tariffs/{tariffId}")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    public String tariff(TenantId tenant, @PathVariable String tariffId, Model model) {
        TariffController.TariffView tariff = tariffs.get(tenant, PropertyScopePermissions.scope(), tariffId);
        model.addAttribute("tariff", tariff);
        model.addAttribute("schedules", tariff.versions().stream().map(v -> describe(v.schedule())).toList());
        model.addAttribute("periods", BillingPeriod.values());
        Forms.defaultForm(model, Map.of("kind", "TIERED", "period", "MONTH", "standingChargePerDay", "0"));
        return "ui/tariff";
    }

    /** {@code step} dry-run prices the proposal over the accounts on the tariff; publish makes it a version. */
    @PostMapping("/ui/tariffs/{tariffId}/versions")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String version(TenantId tenant, @PathVariable String tariffId, @RequestParam Map<String, String> form,
                          Model model) {
        model.addAttribute("form", new LinkedHashMap<>(form));
        if ("publish".equals(form.get("step"))) {
            forms.attempt(model, "publish", () -> tariffs.publish(tariffId, forms.checked(proposal(form))).getBody());
        } else {
            forms.attempt(model, "dry-run", () -> tariffs.dryRun(tenant, tariffId, forms.checked(
                    new DryRunRequest(proposal(form), FormValues.whole("days", form.get("days")) == null ? null
                            : FormValues.whole("days", form.get("days")).intValue()))));
        }
        return tariff(tenant, tariffId, model);
    }

    private VersionRequest proposal(Map<String, String> form) {
        ScheduleRequest.Kind kind = FormValues.choice("kind", ScheduleRequest.Kind.class, form.get("kind"));
        if (kind == null) {
            throw new FieldRejected("kind", Forms.INVALID_FIELD, Reason.of("field-not-chosen", "must be chosen"));
        }
        ScheduleRequest schedule = new ScheduleRequest(kind,
                kind == ScheduleRequest.Kind.FLAT ? FormValues.decimal("price", form.get("price")) : null,
                kind == ScheduleRequest.Kind.TIERED ? FormValues.choice("period", BillingPeriod.class, form.get("period")) : null,
                kind == ScheduleRequest.Kind.TIERED ? tiers(form.get("tiers")) : null,
                kind == ScheduleRequest.Kind.TIME_OF_USE ? registers(form.get("registerPrices")) : null);
        BigDecimal standing = FormValues.decimal("standingChargePerDay", form.get("standingChargePerDay"));
        return new VersionRequest(FormValues.moment("effectiveFrom", form.get("effectiveFrom"), formats.current().zone(),
                GenericEventMessage.clock.instant().plus(NOW_LEAD)), schedule, standing == null ? BigDecimal.ZERO : standing);
    }

    /** A schedule as a person reads it, in the form the form takes it ("up to:price"), prices in minor units. */
    private String describe(com.meterledger.api.tariff.TariffSchedule schedule) {
        return switch (schedule) {
            case com.meterledger.api.tariff.TariffSchedule.Flat flat ->
                    texts.text("landlord.schedule.FLAT", flat.price().toPlainString());
            case com.meterledger.api.tariff.TariffSchedule.Tiered tiered ->
                    texts.text("landlord.schedule.TIERED", texts.text("landlord.tariff.period." + tiered.period()),
                            String.join(", ", tiered.blocks().stream().map(block -> (block.upTo() == null ? ""
                                    : block.upTo().toPlainString()) + ":" + block.price().toPlainString()).toList()));
            case com.meterledger.api.tariff.TariffSchedule.TimeOfUse timeOfUse ->
                    texts.text("landlord.schedule.TIME_OF_USE", String.join(", ", timeOfUse.registerPrices()
                            .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().toPlainString()).toList()));
        };
    }

    /** "100:0.52, 200:0.61, :0.80": up to 100 units at 0.52 minor units each, the next 100 at 0.61, the rest 0.80. */
    static List<TierRequest> tiers(String text) {
        List<TierRequest> tiers = new ArrayList<>();
        for (String item : items(text)) {
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new FieldRejected("tiers", Forms.INVALID_FIELD, Reason.of("tariff-tier-form-malformed",
                        "each tier is up-to:price, such as 100:0.52"));
            }
            tiers.add(new TierRequest(FormValues.decimal("tiers", item.substring(0, colon)),
                    FormValues.decimal("tiers", item.substring(colon + 1))));
        }
        return tiers;
    }

    /** "t1:0.62, t2:0.31": each register's price. */
    static Map<String, BigDecimal> registers(String text) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String item : items(text)) {
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new FieldRejected("registerPrices", Forms.INVALID_FIELD, Reason.of(
                        "tariff-register-price-form-malformed", "each is register:price, such as t1:0.62"));
            }
            prices.put(item.substring(0, colon).strip(), FormValues.decimal("registerPrices", item.substring(colon + 1)));
        }
        return prices;
    }

    private static List<String> items(String text) {
        return text == null ? List.of() : java.util.Arrays.stream(text.split("[,;\\n]")).map(String::strip)
                .filter(item -> !item.isEmpty()).toList();
    }
}
