package com.meterledger.query.account;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.dashboard.DashboardSettings;
import com.meterledger.query.dashboard.SampledPushes;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live figures of one account through an Axon subscription query on account-projection's own changes. The
 * occupant portal first followed the property's dashboard, but dashboard-projection and account-projection are
 * separate processors: under load the dashboard's signal came before the account's row was written, the portal read
 * the old balance, and nothing told it again (CI saw a top-up never reach the page in 20 s). A signal from the
 * projection that writes the figures, after its transaction commits, cannot come too early.
 */
@Component
public class AccountUpdates {
    private static final Logger log = LoggerFactory.getLogger(AccountUpdates.class);

    private final QueryGateway queries;
    private final DashboardSettings settings;

    public AccountUpdates(QueryGateway queries, DashboardSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /**
     * Calls {@code changed} now (on the calling thread) and then after every change of the account or of the meter
     * supplying it (on another thread), at most once per push interval, until the returned handle is closed.
     */
    public AutoCloseable subscribe(TenantId tenant, String accountId, String meterId, Runnable changed) {
        SubscriptionQueryResult<AccountChanged, AccountChanged> result = queries.subscriptionQuery(
                new AccountChangesQuery(tenant, accountId, meterId), ResponseTypes.instanceOf(AccountChanged.class),
                ResponseTypes.instanceOf(AccountChanged.class));
        try {
            result.initialResult().block();
            changed.run();
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return SampledPushes.follow(result, settings.pushInterval(), () -> push(accountId, changed),
                "account " + accountId);
    }

    private void push(String accountId, Runnable changed) {
        try {
            changed.run();
        } catch (RuntimeException e) {
            log.warn("update of account {} not delivered: {}", accountId, e.toString());
        }
    }

    /** The subscription's first answer: the account as it stands now, which the caller reads itself. */
    @QueryHandler
    AccountChanged handle(AccountChangesQuery query) {
        return new AccountChanged(query.tenant().value(), query.accountId(), query.meterId());
    }
}
