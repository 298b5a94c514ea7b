package com.meterledger.query.account;

import com.meterledger.api.account.AccountBalanceSummary;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindAccountBalance;
import com.meterledger.api.shared.Money;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers other modules' question for an account's balance (the occupant's doors) from the account read model. */
@Component
public class AccountBalanceQueries {
    private final AccountQueries accounts;

    public AccountBalanceQueries(AccountQueries accounts) {
        this.accounts = accounts;
    }

    @QueryHandler
    public Optional<AccountBalanceSummary> handle(FindAccountBalance query) {
        return accounts.find(query.tenantId(), query.accountId().value())
                .map(balance -> new AccountBalanceSummary(new AccountId(balance.accountId()),
                        Money.of(balance.balanceMinor(), balance.currency()), balance.lastReadAt()));
    }
}
