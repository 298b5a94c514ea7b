package com.meterledger.core.account;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;

/**
 * An account's standing for a meter's supply decision, read from the Account aggregate in that decision's unit of
 * work. The account is only read, never changed, so nothing else would notice if this node's cached copy missed a
 * top-up another node stored: the event store's last sequence number of the account (one index lookup) must match the
 * copy's version, else the unit of work fails as a concurrency conflict, which evicts the copy, and the sender decides
 * again on a fresh load (the supply-control processor retries its event, the reconciler its next pass).
 */
public class AccountStandingReader implements AccountStandings {
    private final Repository<Account> accounts;
    private final EventStore events;

    public AccountStandingReader(Repository<Account> accounts, EventStore events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public AccountStanding of(AccountId accountId, String tenant) {
        Aggregate<Account> account;
        try {
            account = accounts.load(accountId.value());
        } catch (AggregateNotFoundException e) {
            throw new NotFound("account", accountId);
        }
        account.execute(a -> TenantGuard.requireOwner(a.tenantId(), tenant, "account", accountId));
        Long loaded = account.version();
        long stored = events.lastSequenceNumberFor(accountId.value()).orElse(-1L);
        if (loaded != null && stored > loaded) {
            throw new ConcurrencyException("account " + accountId + " has events up to " + stored
                    + " but was read at " + loaded + ": decide again on a fresh copy");
        }
        return account.invoke(Account::standing);
    }
}
