package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Turns events into notifications, in their own tracking processor (not the projections'), so that a slow mail server
 * never delays a balance and a projection replay never re-sends mail. The tenant comes from the event's metadata only.
 */
@ProcessingGroup(NotificationEventHandlers.PROCESSING_GROUP)
public class NotificationEventHandlers {
    public static final String PROCESSING_GROUP = "notifications";
    private static final Logger log = LoggerFactory.getLogger(NotificationEventHandlers.class);

    private final Notifier notifier;
    private final AccountDirectory accounts;

    public NotificationEventHandlers(Notifier notifier, AccountDirectory accounts) {
        this.notifier = notifier;
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant) {
        tenant(tenant, event).ifPresent(t -> accounts.remember(t, event.accountId(), event.meterId(), event.openedAt()));
    }

    @EventHandler
    void on(LowBalanceWarningReached event, @MetaDataValue(TENANT) String tenant,
            @MessageIdentifier String eventId, @Timestamp Instant at) {
        tenant(tenant, event).ifPresent(t -> notifier.notify(Notification.lowBalance(eventId, t, event.accountId(), at,
                event.level(), event.balance(), event.threshold())));
    }

    @EventHandler
    void on(BalanceDepleted event, @MetaDataValue(TENANT) String tenant,
            @MessageIdentifier String eventId, @Timestamp Instant at) {
        tenant(tenant, event).ifPresent(t -> notifier.notify(Notification.depleted(eventId, t, event.accountId(),
                event.meterId(), at, event.balance(), event.cutOffLevel())));
    }

    @EventHandler
    void on(AccountCredited event, @MetaDataValue(TENANT) String tenant,
            @MessageIdentifier String eventId, @Timestamp Instant at) {
        tenant(tenant, event).ifPresent(t -> notifier.notify(Notification.topUpReceived(eventId, t, event.accountId(),
                at, event.amount(), event.reference(), event.balanceAfter())));
    }

    @EventHandler
    void on(SupplyCommandConfirmed event, @MetaDataValue(TENANT) String tenant,
            @MessageIdentifier String eventId, @Timestamp Instant at) {
        Optional<TenantId> t = tenant(tenant, event);
        if (t.isEmpty()) {
            return;
        }
        Optional<AccountId> account = accounts.accountOf(t.get(), event.meterId());
        if (account.isEmpty()) {
            log.info("Meter {} of tenant {} has no known account: supply {} not notified", event.meterId(), tenant,
                    event.action());
            return;
        }
        notifier.notify(event.action() == SupplyAction.CUT
                ? Notification.supplyOff(eventId, t.get(), account.get(), event.meterId(), at)
                : Notification.supplyOn(eventId, t.get(), account.get(), event.meterId(), at));
    }

    private static Optional<TenantId> tenant(String tenant, Object event) {
        if (tenant == null || tenant.isBlank()) {
            log.warn("{} without tenant metadata: ignored", event.getClass().getSimpleName());
            return Optional.empty();
        }
        try {
            return Optional.of(new TenantId(tenant));
        } catch (IllegalArgumentException e) {
            log.warn("{} with an invalid tenant in its metadata: ignored", event.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
