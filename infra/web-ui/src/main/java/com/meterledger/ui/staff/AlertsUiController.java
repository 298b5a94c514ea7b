package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.ChangeAlertSettings;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.query.alert.Alert;
import com.meterledger.query.alert.AlertFilter;
import com.meterledger.query.alert.AlertPage;
import com.meterledger.query.alert.Alerts;
import com.meterledger.tenantadmin.tenant.TenantAlertSettings;
import com.meterledger.ui.i18n.PageTexts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;

/**
 * The alerts inbox as a page (the same bean as {@code GET /api/alerts} and its acknowledgement, with the same rules:
 * a property manager sees their properties' alerts only), and the alert thresholds as their own settings section
 * (the same command as {@code PUT /api/tenant/settings/alerts}).
 */
@Controller
public class AlertsUiController {
    static final String READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')";
    static final String ACKNOWLEDGERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'PROPERTY_MANAGER')";

    private final Alerts alerts;
    private final TenantAlertSettings settings;
    private final CommandGateway commands;
    private final PageTexts texts;
    private final ActorLabels actors;

    public AlertsUiController(Alerts alerts, TenantAlertSettings settings, CommandGateway commands, PageTexts texts,
                              ActorLabels actors) {
        this.actors = actors;
        this.alerts = alerts;
        this.settings = settings;
        this.commands = commands;
        this.texts = texts;
    }

    @GetMapping("/ui/alerts")
    @PreAuthorize(READERS)
    public String inbox(TenantId tenant, @RequestParam(required = false) String state,
                        @RequestParam(required = false) String kind, @RequestParam(required = false) String property,
                        @RequestParam(required = false) Integer page, Model model) {
        AlertFilter filter = AlertFilter.parse(state, kind, property, page, 50);
        model.addAttribute("filter", filter);
        AlertPage shown = alerts.list(tenant, filter);
        model.addAttribute("alerts", shown);
        model.addAttribute("actors", actors.of(tenant, shown.alerts().stream().map(Alert::acknowledgedBy).toList()));
        model.addAttribute("mayAcknowledge", Caller.hasRole(Roles.TENANT_ADMIN) || Caller.hasRole(Roles.FINANCE)
                || Caller.hasRole(Roles.PROPERTY_MANAGER));
        return "ui/alerts";
    }

    /** A refused note shows its rule beside the alert and changes nothing; an acknowledged alert shows who and why. */
    @PostMapping("/ui/alerts/{alertId}/acknowledgement")
    @PreAuthorize(ACKNOWLEDGERS)
    public String acknowledge(TenantId tenant, @PathVariable String alertId,
                              @RequestParam(required = false) String note, Model model) {
        try {
            alerts.acknowledge(tenant, alertId, note, "ui");
            model.addAttribute("acknowledged", alertId);
        } catch (FieldRejected e) {
            model.addAttribute("errorAlert", alertId);
            model.addAttribute("error", texts.text("alerts.note-refused", texts.rule(e), e.rule()));
        }
        return inbox(tenant, null, null, null, null, model);
    }

    /** The thresholds as a person types them: text, so a refused value comes back as it was typed. */
    public record ThresholdsForm(String meterNotReadHours, String rejectedReadings, String rejectedWindowHours,
                                 String zeroBalanceHours, String arrearsAboveMinor, String consumptionDropPercent,
                                 String lineLossPercent, Boolean notifyStaff) {
        static ThresholdsForm of(AlertSettings s) {
            return new ThresholdsForm(Integer.toString(s.meterNotReadHours()), Integer.toString(s.rejectedReadings()),
                    Integer.toString(s.rejectedWindowHours()), Integer.toString(s.zeroBalanceHours()),
                    Long.toString(s.arrearsAboveMinor()), Integer.toString(s.consumptionDropPercent()),
                    Integer.toString(s.lineLossPercent()), s.notifyStaff());
        }

        AlertSettings settings() {
            return new AlertSettings(number("meterNotReadHours", meterNotReadHours),
                    number("rejectedReadings", rejectedReadings), number("rejectedWindowHours", rejectedWindowHours),
                    number("zeroBalanceHours", zeroBalanceHours), longNumber("arrearsAboveMinor", arrearsAboveMinor),
                    number("consumptionDropPercent", consumptionDropPercent),
                    number("lineLossPercent", lineLossPercent), Boolean.TRUE.equals(notifyStaff));
        }

        private static int number(String field, String text) {
            long value = longNumber(field, text);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new FieldRejected(field, AlertSettings.RULE, Reason.of("alert-threshold-too-large",
                        "must be a whole number in range"));
            }
            return (int) value;
        }

        private static long longNumber(String field, String text) {
            try {
                return Long.parseLong(text == null ? "" : text.strip());
            } catch (NumberFormatException e) {
                throw new FieldRejected(field, AlertSettings.RULE, Reason.of("field-not-whole-number",
                        "must be a whole number"));
            }
        }
    }

    @GetMapping("/ui/settings/alerts")
    @PreAuthorize(READERS)
    public String thresholds(TenantId tenant, Model model) {
        boolean data = settings.tenantIsData(tenant);
        Optional<AlertSettings> saved = settings.settingsOf(tenant);
        model.addAttribute("form", ThresholdsForm.of(saved.orElseGet(AlertSettings::standard)));
        model.addAttribute("isData", data);
        model.addAttribute("mayChange", data && Caller.hasRole(Roles.TENANT_ADMIN));
        return "ui/alert-settings";
    }

    @PostMapping("/ui/settings/alerts")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String changeThresholds(TenantId tenant, @ModelAttribute ThresholdsForm form, Model model) {
        if (!settings.tenantIsData(tenant)) {
            return thresholds(tenant, model);
        }
        model.addAttribute("form", form);
        model.addAttribute("isData", true);
        model.addAttribute("mayChange", true);
        try {
            commands.sendAndWait(new ChangeAlertSettings(tenant, form.settings()));
            model.addAttribute("saved", true);
        } catch (FieldRejected e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", texts.text("settings.error", texts.textOr(e.field(), "alert-settings.field."
                    + e.field()), e.field(), texts.rule(e)));
        } catch (RuleViolation e) {
            model.addAttribute("error", texts.rule(e));
        }
        return "ui/alert-settings";
    }
}
