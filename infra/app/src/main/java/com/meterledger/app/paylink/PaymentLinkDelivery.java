package com.meterledger.app.paylink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.PaymentLinkSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Sends a live payment link to the occupant's stored contact, for the API and the web UI alike: the link is signed
 * again for the message (a token is never stored) and handed to the notification port.
 */
@Service
public class PaymentLinkDelivery {
    private final PaymentLinks links;
    private final ObjectProvider<PaymentLinkSender> sender;

    public PaymentLinkDelivery(PaymentLinks links, ObjectProvider<PaymentLinkSender> sender) {
        this.links = links;
        this.sender = sender;
    }

    public void send(TenantId tenant, String linkId, Channel channel) {
        PaymentLinks.Issued link = links.reissue(tenant, linkId);
        PaymentLinkSender linkSender = sender.getIfAvailable();
        if (linkSender == null) {
            throw new RuleViolation("channel-not-enabled", "notifications are switched off");
        }
        linkSender.send(tenant, new AccountId(link.accountId()), linkId, channel, link.url(), link.expiresAt());
    }
}
