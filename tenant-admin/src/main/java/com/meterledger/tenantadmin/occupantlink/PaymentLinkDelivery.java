package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.notification.SendPaymentLink;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * Sends a live payment link to the occupant's stored contact, for the API and the web UI alike: the link is signed
 * again for the message (a token is never stored) and handed to the notification providers ({@link SendPaymentLink}).
 */
@Service
public class PaymentLinkDelivery {
    private final PaymentLinks links;
    private final CommandGateway commands;

    public PaymentLinkDelivery(PaymentLinks links, CommandGateway commands) {
        this.links = links;
        this.commands = commands;
    }

    public void send(TenantId tenant, String linkId, OccupantChannel channel) {
        PaymentLinks.Issued link = links.reissue(tenant, linkId);
        try {
            commands.sendAndWait(new SendPaymentLink(new AccountId(link.accountId()), linkId, channel, link.url(),
                    link.expiresAt()));
        } catch (NoHandlerForCommandException switchedOff) {
            throw new RuleViolation("channel-not-enabled", Reason.of("notifications-switched-off",
                    "notifications are switched off"));
        }
    }
}
