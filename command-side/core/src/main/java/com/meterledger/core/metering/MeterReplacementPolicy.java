package com.meterledger.core.metering;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffRules;

import java.time.Instant;
import java.util.Optional;

/**
 * What a meter replacement must satisfy, checked before anything is recorded. In two steps because the second needs
 * both meters loaded: first the request against the account (its own meter, another meter, readings in order), then
 * the meters against each other and the tariff (same utility; a time-of-use tariff needs the new meter's registers).
 * Pure: {@link MeteringService} loads, asks, and records only when neither step refuses.
 */
public final class MeterReplacementPolicy {
    private MeterReplacementPolicy() {
    }

    public static Optional<RuleViolation> judgeRequest(AccountId account, MeterId accountsMeter, MeterId oldMeter,
                                                       MeterId newMeter, Instant oldFinalReadAt,
                                                       Instant newOpeningReadAt) {
        if (!accountsMeter.equals(oldMeter)) {
            return refuse("replaced-meter-not-the-accounts", "account " + account + " is supplied through meter "
                    + accountsMeter + ", not " + oldMeter);
        }
        if (newMeter.equals(oldMeter)) {
            return refuse("replacement-meter-is-the-same", "a meter cannot replace itself");
        }
        if (newOpeningReadAt.isBefore(oldFinalReadAt)) {
            return refuse("replacement-opening-before-final",
                    "the new meter's opening reading cannot precede the old meter's final reading");
        }
        return Optional.empty();
    }

    public static Optional<RuleViolation> judgeMeters(MeterId newMeter, Utility oldUtility, Utility newUtility,
                                                      boolean timeOfUseAtOpening, boolean openingRegistersGiven) {
        if (newUtility != oldUtility) {
            return refuse("replacement-utility-mismatch", "meter " + newMeter + " measures " + newUtility
                    + ", the account's meter " + oldUtility);
        }
        if (timeOfUseAtOpening && !openingRegistersGiven) {
            return Optional.of(new RuleViolation(TariffRules.REGISTERS_REQUIRED, Reason.of(
                    "tariff-registers-required-replacement", "the account's tariff is time-of-use: the new meter's "
                            + "opening reading needs a value per register")));
        }
        return Optional.empty();
    }

    private static Optional<RuleViolation> refuse(String rule, String detail) {
        return Optional.of(new RuleViolation(rule, detail));
    }
}
