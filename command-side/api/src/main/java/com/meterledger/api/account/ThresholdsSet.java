package com.meterledger.api.account;

public record ThresholdsSet(AccountId accountId, Thresholds thresholds) {
}
