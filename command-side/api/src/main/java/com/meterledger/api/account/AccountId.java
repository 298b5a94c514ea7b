package com.meterledger.api.account;

import com.meterledger.api.shared.Ids;

public record AccountId(String value) {
    public AccountId {
        Ids.requireValid(value, "account id");
    }

    @Override
    public String toString() {
        return value;
    }
}
