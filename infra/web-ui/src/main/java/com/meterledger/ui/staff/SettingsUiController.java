package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.ChoosePaymentMethods;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.PaymentMethodChoice;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import com.meterledger.ui.i18n.PageTexts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's settings as a page: everyone of the tenant's staff reads them, its administrators change them. Saving
 * sends the same command as {@code PUT /api/tenant/settings}, and the page shows the rule that refused a field.
 */
@Controller
public class SettingsUiController {
    private final TenantDirectory directory;
    private final CommandGateway commands;
    private final PageTexts texts;

    public SettingsUiController(TenantDirectory directory, CommandGateway commands, PageTexts texts) {
        this.texts = texts;
        this.directory = directory;
        this.commands = commands;
    }

    /**
     * The form as a person fills it in: text, so a refused value comes back as it was typed ({@code weekends} is
     * absent when its box is unticked).
     */
    public record SettingsForm(String zone, String language, String nightStart, String nightEnd, Boolean weekends,
                               String holidays, String paymentMinimumMinor, String paymentMaximumMinor,
                               String paymentPresetsMinor, String adjustmentApprovalLimitMinor, String smsSenderName) {
        static SettingsForm of(TenantSettings settings) {
            FriendlyHours hours = settings.friendlyHours();
            PaymentLimits payments = settings.payments();
            return new SettingsForm(settings.zone().getId(), settings.language(), hours.nightStart().toString(),
                    hours.nightEnd().toString(), hours.weekends(), String.join(", ",
                    hours.holidays().stream().map(LocalDate::toString).toList()),
                    Long.toString(payments.minimumMinor()), Long.toString(payments.maximumMinor()),
                    String.join(", ", payments.presetsMinor().stream().map(String::valueOf).toList()),
                    Long.toString(settings.adjustmentApprovalLimitMinor()), settings.smsSenderName());
        }

        TenantSettings settings() {
            return new TenantSettings(parsedZone(), language, new FriendlyHours(time("friendlyHours.nightStart", nightStart),
                    time("friendlyHours.nightEnd", nightEnd), Boolean.TRUE.equals(weekends), parsedHolidays()),
                    new PaymentLimits(number("payments.minimumMinor", paymentMinimumMinor),
                            number("payments.maximumMinor", paymentMaximumMinor), presets()),
                    number("adjustmentApprovalLimitMinor", adjustmentApprovalLimitMinor), smsSenderName);
        }

        private ZoneId parsedZone() {
            try {
                return ZoneId.of(zone == null ? "" : zone.strip());
            } catch (DateTimeException e) {
                throw new FieldRejected("zone", TenantSettings.RULE, Reason.of("settings-zone-unknown",
                        "must be a time zone such as Asia/Shanghai"));
            }
        }

        private List<LocalDate> parsedHolidays() {
            try {
                return items(holidays).stream().map(LocalDate::parse).toList();
            } catch (DateTimeException e) {
                throw new FieldRejected("friendlyHours.holidays", FriendlyHours.RULE, Reason.of(
                        "friendly-holidays-not-dates", "must be dates such as 2027-02-06, separated by commas"));
            }
        }

        private List<Long> presets() {
            return items(paymentPresetsMinor).stream().map(item -> number("payments.presetsMinor", item)).toList();
        }

        private static List<String> items(String text) {
            return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip)
                    .filter(item -> !item.isEmpty()).toList();
        }

        private static LocalTime time(String field, String text) {
            try {
                return LocalTime.parse(text == null ? "" : text.strip());
            } catch (DateTimeException e) {
                throw new FieldRejected(field, FriendlyHours.RULE, Reason.of("field-not-a-time",
                        "must be a time such as 20:00"));
            }
        }

        private static long number(String field, String text) {
            try {
                return Long.parseLong(text == null ? "" : text.strip());
            } catch (NumberFormatException e) {
                throw new FieldRejected(field, TenantSettings.RULE, Reason.of("settings-minor-units-not-whole",
                        "must be a whole number of minor units (fen, cents)"));
            }
        }
    }

    @GetMapping("/ui/settings")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    public String settings(TenantId tenant, Model model) {
        Optional<TenantSettings> settings = directory.settingsOf(tenant);
        model.addAttribute("form", settings.map(SettingsForm::of).orElse(null));
        model.addAttribute("mayChange", settings.isPresent() && Caller.hasRole(Roles.TENANT_ADMIN));
        model.addAttribute("paymentMethods", methodsOf(tenant));
        return "ui/settings";
    }

    @PostMapping("/ui/settings")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String change(TenantId tenant, @ModelAttribute SettingsForm form, Model model) {
        Optional<TenantSettings> stored = directory.settingsOf(tenant);
        if (stored.isEmpty()) {
            return settings(tenant, model);
        }
        if (form.smsSenderName() == null) {
            // channels: the SMS sender name is its own section now (NotificationChannelsUiController); this form
            // keeps the value the settings hold
            form = new SettingsForm(form.zone(), form.language(), form.nightStart(), form.nightEnd(), form.weekends(),
                    form.holidays(), form.paymentMinimumMinor(), form.paymentMaximumMinor(),
                    form.paymentPresetsMinor(), form.adjustmentApprovalLimitMinor(), stored.get().smsSenderName());
        }
        model.addAttribute("form", form);
        model.addAttribute("mayChange", true);
        model.addAttribute("paymentMethods", methodsOf(tenant));
        try {
            commands.sendAndWait(new ChangeTenantSettings(tenant, form.settings()));
            model.addAttribute("saved", true);
        } catch (FieldRejected e) {
            model.addAttribute("errorField", e.field());
            // the field in the reader's words and by its code, which stays the same in every language
            model.addAttribute("error", texts.text("settings.error", texts.textOr(e.field(), "settings.field."
                    + e.field()), e.field(), texts.rule(e)));
        } catch (RuleViolation e) {
            model.addAttribute("error", texts.rule(e));
        }
        return "ui/settings";
    }

    /**
     * portal: the payment methods occupants may use beside card, a section of its own with its own command
     * ({@link ChoosePaymentMethods}); whether one is offered also depends on the account's currency.
     */
    @PostMapping("/ui/settings/payment-methods")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String choosePaymentMethods(TenantId tenant, @RequestParam(required = false) Boolean wechatPay,
                                       @RequestParam(required = false) Boolean alipay, Model model) {
        if (directory.settingsOf(tenant).isEmpty()) {
            return settings(tenant, model);
        }
        Set<PaymentMethod> methods = EnumSet.of(PaymentMethod.CARD);
        if (Boolean.TRUE.equals(wechatPay)) {
            methods.add(PaymentMethod.WECHAT_PAY);
        }
        if (Boolean.TRUE.equals(alipay)) {
            methods.add(PaymentMethod.ALIPAY);
        }
        commands.sendAndWait(new ChoosePaymentMethods(tenant, new PaymentMethodChoice(methods)));
        String page = settings(tenant, model);
        model.addAttribute("paymentMethods", methods.stream().map(Enum::name).toList());
        model.addAttribute("methodsSaved", true);
        return page;
    }

    private List<String> methodsOf(TenantId tenant) {
        return directory.paymentMethodsOf(tenant).methods().stream().sorted().map(Enum::name).toList();
    }
}
