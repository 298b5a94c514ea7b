package com.meterledger.ui.staff;

import com.meterledger.api.account.Settlement;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.core.account.web.AccountCommandController;
import com.meterledger.core.account.web.AccountCommandController.AdjustmentRequest;
import com.meterledger.core.account.web.AccountCommandController.ApprovalRequest;
import com.meterledger.core.account.web.AccountCommandController.CreditPolicyRequest;
import com.meterledger.core.account.web.AccountCommandController.DebtRequest;
import com.meterledger.core.account.web.AccountCommandController.MoveOutRequest;
import com.meterledger.core.account.web.AccountCommandController.RefundRequest;
import com.meterledger.core.account.web.AccountCommandController.ThresholdsRequest;
import com.meterledger.core.meter.web.MeterLifecycleController;
import com.meterledger.core.meter.web.MeterLifecycleController.DecommissionRequest;
import com.meterledger.core.meter.web.MeterLifecycleController.ReplacementRequest;
import com.meterledger.core.supply.web.SupplyController;
import com.meterledger.core.supply.web.SupplyController.ProtectionRequest;
import com.meterledger.core.supply.web.SupplyController.SupplyChangeRequest;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.web.OccupantContactController;
import com.meterledger.gateway.notification.web.OccupantContactController.ContactRequest;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.ui.i18n.PageFormats;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An account's landlord tasks on one page: thresholds, credit policy, debts, adjustments and their second person's
 * decision, refunds, move-out with settlement, meter replacement, decommissioning, keep-on with its reason, a manual
 * cut or restore, and the occupant's contact. Each form builds the API's request record and calls the API
 * endpoint's own bean, whose role check and rules answer; the refusal shows beside the form it refused.
 */
@Controller
public class AccountTasksUiController {
    static final String MANAGERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE') or hasPermission(#accountId, 'account', 'manage')";
    private static final String ADMIN_OR_MANAGER = "hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')";
    private static final String FINANCE = "hasAnyRole('TENANT_ADMIN', 'FINANCE')";

    private final AccountCommandController accounts;
    private final MeterLifecycleController lifecycle;
    private final SupplyController supply;
    private final ObjectProvider<OccupantContactController> contacts;
    private final AccountQueries queries;
    private final PageFormats formats;
    private final Forms forms;

    public AccountTasksUiController(AccountCommandController accounts, MeterLifecycleController lifecycle,
                                    SupplyController supply, ObjectProvider<OccupantContactController> contacts,
                                    AccountQueries queries, PageFormats formats, Forms forms) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.supply = supply;
        this.contacts = contacts;
        this.queries = queries;
        this.formats = formats;
        this.forms = forms;
    }

    @GetMapping("/ui/accounts/{accountId}/manage")
    @PreAuthorize(MANAGERS)
    public String manage(TenantId tenant, @PathVariable String accountId, Model model) {
        AccountQueries.AccountBalance account = queries.balance(tenant, accountId);
        model.addAttribute("account", account);
        model.addAttribute("contactsOn", contacts.getIfAvailable() != null);
        Forms.defaultForm(model, Map.of());
        model.addAttribute("settlements", Settlement.values());
        model.addAttribute("channels", Channel.values());
        return "ui/account-manage";
    }

    @PostMapping("/ui/accounts/{accountId}/thresholds")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String thresholds(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        return act(tenant, accountId, "thresholds", f, model, () -> accounts.thresholds(accountId, forms.checked(
                new ThresholdsRequest(FormValues.whole("firstWarningMinor", f.get("firstWarningMinor")),
                        FormValues.whole("secondWarningMinor", f.get("secondWarningMinor")),
                        FormValues.whole("cutOffMinor", f.get("cutOffMinor")),
                        FormValues.whole("reconnectMinor", f.get("reconnectMinor"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/credit-policy")
    @PreAuthorize(FINANCE)
    public String creditPolicy(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        Long percent = FormValues.whole("debtRecoveryPercent", f.get("debtRecoveryPercent"));
        return act(tenant, accountId, "credit", f, model, () -> accounts.creditPolicy(accountId, forms.checked(
                new CreditPolicyRequest(FormValues.whole("emergencyCreditMinor", f.get("emergencyCreditMinor")),
                        percent == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, percent)),
                        FormValues.whole("debtRecoveryCapMinor", f.get("debtRecoveryCapMinor"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/debts")
    @PreAuthorize(FINANCE)
    public String debt(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String currency = currency(tenant, accountId);
        return act(tenant, accountId, "debt", f, model, () -> accounts.debt(accountId, forms.checked(new DebtRequest(
                FormValues.whole("debtAmountMinor", f.get("debtAmountMinor")), currency,
                FormValues.text(f.get("debtReason"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/adjustments")
    @PreAuthorize(FINANCE)
    public String adjust(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String currency = currency(tenant, accountId);
        return act(tenant, accountId, "adjustment", f, model, () -> accounts.adjust(accountId, forms.checked(
                new AdjustmentRequest(FormValues.text(f.get("adjustmentId")),
                        FormValues.whole("adjustmentAmountMinor", f.get("adjustmentAmountMinor")), currency,
                        FormValues.text(f.get("adjustmentReason"))))).getBody());
    }

    /** The second person's decision on an adjustment above the tenant's limit (four eyes: never its requester). */
    @PostMapping("/ui/accounts/{accountId}/adjustments/decision")
    @PreAuthorize(FINANCE)
    public String decide(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String adjustmentId = FormValues.text(f.get("decisionAdjustmentId"));
        return act(tenant, accountId, "decision", f, model, () -> {
            if (adjustmentId == null) {
                throw new com.meterledger.api.error.FieldRejected("adjustmentId", Forms.INVALID_FIELD,
                        com.meterledger.api.error.Reason.of("field-blank", "must not be blank"));
            }
            return accounts.decide(accountId, adjustmentId, forms.checked(new ApprovalRequest(
                    "approve".equals(f.get("decision")), FormValues.text(f.get("note")))));
        });
    }

    @PostMapping("/ui/accounts/{accountId}/refunds")
    @PreAuthorize(FINANCE)
    public String refund(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String currency = currency(tenant, accountId);
        return act(tenant, accountId, "refund", f, model, () -> accounts.refund(accountId, forms.checked(
                new RefundRequest(FormValues.whole("refundAmountMinor", f.get("refundAmountMinor")), currency,
                        FormValues.text(f.get("refundReason"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/move-out")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String moveOut(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        return act(tenant, accountId, "move-out", f, model, () -> accounts.moveOut(accountId, forms.checked(
                new MoveOutRequest(moment("finalReadAt", f), FormValues.decimal("finalRegister", f.get("finalRegister")),
                        null, FormValues.choice("settlement", Settlement.class, f.get("settlement")),
                        FormValues.text(f.get("transferTo"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/meter-replacement")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String replace(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String oldMeter = queries.balance(tenant, accountId).meterId();
        return act(tenant, accountId, "replacement", f, model, () -> lifecycle.replace(accountId, forms.checked(
                new ReplacementRequest(oldMeter, moment("oldFinalReadAt", f),
                        FormValues.decimal("oldFinalRegister", f.get("oldFinalRegister")), null,
                        FormValues.text(f.get("newMeterId")), moment("newOpeningReadAt", f),
                        FormValues.decimal("newOpeningRegister", f.get("newOpeningRegister")), null))));
    }

    @PostMapping("/ui/accounts/{accountId}/protection")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String protect(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String meterId = queries.balance(tenant, accountId).meterId();
        return act(tenant, accountId, "protection", f, model, () -> supply.protect(meterId, forms.checked(
                new ProtectionRequest("true".equals(f.get("protect")), FormValues.text(f.get("protectionReason"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/supply-commands")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String supplyChange(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String meterId = queries.balance(tenant, accountId).meterId();
        return act(tenant, accountId, "supply", f, model, () -> supply.change(meterId, forms.checked(
                new SupplyChangeRequest(FormValues.choice("action", SupplyAction.class, f.get("action")),
                        FormValues.text(f.get("supplyReason"))))).getBody());
    }

    @PostMapping("/ui/accounts/{accountId}/decommission")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String decommission(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        String meterId = queries.balance(tenant, accountId).meterId();
        return act(tenant, accountId, "decommission", f, model, () -> lifecycle.decommission(meterId, forms.checked(
                new DecommissionRequest(FormValues.text(f.get("decommissionReason"))))));
    }

    @PostMapping("/ui/accounts/{accountId}/contact")
    @PreAuthorize(ADMIN_OR_MANAGER)
    public String contact(TenantId tenant, @PathVariable String accountId, @RequestParam Map<String, String> f, Model model) {
        OccupantContactController contact = contacts.getIfAvailable();
        if (contact == null) {
            throw new NotFound("contact of account", accountId);
        }
        Set<Channel> channels = new LinkedHashSet<>();
        Arrays.stream(Channel.values()).filter(c -> "true".equals(f.get("channel." + c))).forEach(channels::add);
        return act(tenant, accountId, "contact", f, model, () -> contact.set(tenant, accountId, forms.checked(
                new ContactRequest(FormValues.text(f.get("contactName")), FormValues.text(f.get("email")),
                        FormValues.text(f.get("phone")), FormValues.text(f.get("webhookUrl")), channels))));
    }

    private String act(TenantId tenant, String accountId, String form, Map<String, String> values, Model model,
                       Supplier<?> action) {
        // the account is the caller's tenant's, or the page is a 404 like any unknown id
        queries.balance(tenant, accountId);
        model.addAttribute("form", values);
        forms.attempt(model, form, action);
        return manage(tenant, accountId, model);
    }

    private String currency(TenantId tenant, String accountId) {
        return queries.balance(tenant, accountId).currency();
    }

    private Instant moment(String field, Map<String, String> f) {
        return FormValues.moment(field, f.get(field), formats.current().zone(), GenericEventMessage.clock.instant());
    }
}
