package com.meterledger.ui.staff;

import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.occupantlink.PaymentLinkDelivery;
import com.meterledger.tenantadmin.occupantlink.PaymentLinks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page's payment links (htmx fragments): issue one and show its URL once (the token is never stored),
 * send it to the occupant by e-mail or SMS, revoke it. Same {@link PaymentLinks} and {@link PaymentLinkDelivery} as the API.
 */
@Controller
public class PaymentLinkUiController {
    static final String ISSUERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE') or hasPermission(#accountId, 'account', 'manage')";
    static final String REVOKERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE')";
    private final PaymentLinks links;
    private final PaymentLinkDelivery delivery;

    public PaymentLinkUiController(PaymentLinks links, PaymentLinkDelivery delivery) {
        this.links = links;
        this.delivery = delivery;
    }

    @PostMapping("/ui/accounts/{accountId}/payment-links")
    @PreAuthorize(ISSUERS)
    public String issue(TenantId tenant, @PathVariable String accountId, Model model) {
        model.addAttribute("issued", links.issue(tenant, accountId, actor()));
        model.addAttribute("mayManage", Caller.hasRole(Roles.TENANT_ADMIN) || Caller.hasRole(Roles.FINANCE));
        return "ui/payment-link :: issued";
    }

    @PostMapping("/ui/payment-links/{linkId}/revoke")
    @PreAuthorize(REVOKERS)
    public String revoke(TenantId tenant, @PathVariable String linkId, Model model) {
        links.revoke(tenant, linkId, actor());
        model.addAttribute("linkId", linkId);
        return "ui/payment-link :: revoked";
    }

    /** The link is signed again for the message, sent, and never stored (as through the API). */
    @PostMapping("/ui/payment-links/{linkId}/send")
    @PreAuthorize(REVOKERS)
    public String send(TenantId tenant, @PathVariable String linkId, @RequestParam OccupantChannel channel, Model model) {
        delivery.send(tenant, linkId, channel);
        model.addAttribute("channel", channel);
        return "ui/payment-link :: sent";
    }

    private static String actor() {
        return Caller.actor().map(actor -> actor.id()).orElse("unknown");
    }
}
