package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.TenantId;
import com.meterledger.core.account.web.AccountCommandController;
import com.meterledger.core.account.web.AccountCommandController.ApprovalRequest;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.edge.security.Roles;
import com.meterledger.query.adjustment.AdjustmentQueue;
import com.meterledger.query.adjustment.AdjustmentQueueController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The four-eyes approval queue as a page: the adjustments above the tenant's approval limit waiting for a second
 * person (the bean of {@code GET /api/adjustments}, so a property manager sees their properties' accounts only), each
 * approved or rejected with a note through the account's own decision endpoint bean, whose rule refuses the person
 * who asked for it. The refusal shows on the adjustment's own row; the decided row shows its outcome at once, since
 * the queue's projection follows the account's event a moment later.
 */
@Controller
public class AdjustmentsUiController {
    static final String DECIDERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE')";

    private final AdjustmentQueueController queue;
    private final AccountCommandController accounts;
    private final Forms forms;
    private final ActorLabels actors;

    public AdjustmentsUiController(AdjustmentQueueController queue, AccountCommandController accounts, Forms forms,
                                   ActorLabels actors) {
        this.actors = actors;
        this.queue = queue;
        this.accounts = accounts;
        this.forms = forms;
    }

    @GetMapping("/ui/adjustments")
    @PreAuthorize(AdjustmentQueueController.READERS)
    public String queue(TenantId tenant, @RequestParam(required = false) String state,
                        @RequestParam(required = false) String property,
                        @RequestParam(required = false) Integer page, Model model) {
        ListPage<AdjustmentQueue.Row> adjustments = queue.adjustments(tenant, PropertyScopePermissions.scope(), state,
                property, page, null);
        model.addAttribute("adjustments", adjustments);
        model.addAttribute("actors", actors.of(tenant, adjustments.items().stream()
                .flatMap(row -> Stream.of(row.requestedBy(), row.decidedBy())).toList()));
        // a decision's answer shows on its adjustment's row, or above the queue when the row is not on the page
        Object decided = model.getAttribute("decisionKey");
        model.addAttribute("decisionOnPage", adjustments.items().stream()
                .anyMatch(row -> (row.accountId() + "/" + row.adjustmentId()).equals(decided)));
        model.addAttribute("state", AdjustmentQueue.state(state));
        model.addAttribute("states", AdjustmentQueue.STATES);
        model.addAttribute("property", property);
        model.addAttribute("mayDecide", Caller.hasRole(Roles.TENANT_ADMIN) || Caller.hasRole(Roles.FINANCE));
        model.addAttribute("myself", Caller.actor().map(Actor::id).orElse(""));
        Forms.defaultForm(model, Map.of());
        return "ui/adjustments";
    }

    @PostMapping("/ui/adjustments/decision")
    @PreAuthorize(DECIDERS)
    public String decide(TenantId tenant, @RequestParam Map<String, String> f, Model model) {
        String accountId = FormValues.text(f.get("accountId"));
        String adjustmentId = FormValues.text(f.get("adjustmentId"));
        model.addAttribute("form", f);
        model.addAttribute("decisionKey", accountId + "/" + adjustmentId);
        forms.attempt(model, "decision", () -> {
            if (accountId == null) {
                throw new FieldRejected("accountId", Forms.INVALID_FIELD, Reason.of("field-blank", "must not be blank"));
            }
            if (adjustmentId == null) {
                throw new FieldRejected("adjustmentId", Forms.INVALID_FIELD, Reason.of("field-blank", "must not be blank"));
            }
            return accounts.decide(accountId, adjustmentId, forms.checked(new ApprovalRequest(
                    "approve".equals(f.get("decision")), FormValues.text(f.get("note"))))).get("status");
        });
        // the queue as it was shown, so the decided adjustment's row stays in view
        return queue(tenant, null, FormValues.text(f.get("property")), null, model);
    }
}
