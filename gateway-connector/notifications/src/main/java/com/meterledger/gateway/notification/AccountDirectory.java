package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.Optional;

/** Which account a meter serves, learnt from AccountOpened events: supply events name only the meter. */
public interface AccountDirectory {
    void remember(TenantId tenant, AccountId account, MeterId meter, Instant openedAt);

    boolean knows(TenantId tenant, AccountId account);

    /** The account most recently opened on the meter. */
    Optional<AccountId> accountOf(TenantId tenant, MeterId meter);
}
