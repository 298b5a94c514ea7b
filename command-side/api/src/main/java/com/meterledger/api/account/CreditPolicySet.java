package com.meterledger.api.account;

public record CreditPolicySet(AccountId accountId, CreditPolicy policy) {
}
