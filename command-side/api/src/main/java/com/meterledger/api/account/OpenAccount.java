package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.tariff.TariffId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/**
 * Move-in: opens the prepaid account of a unit's meter, starting from the meter's opening reading, priced by the
 * tenant's tariff {@code tariffId} (same utility as the meter, same currency as the account, a version in force at
 * the opening reading).
 *
 * <p>With {@code privateFlatPrice}, the tariff {@code tariffId} is created in the same unit of work as a private flat
 * tariff of this account (in force from the opening reading, no standing charge): the simple "one price per unit"
 * case keeps one request and still prices through the one tariff path.
 *
 * @param openingRegisters per-register opening values of a time-of-use meter (empty for a single-register meter)
 */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, UnitId unitId, MeterId meterId,
                          Currency currency, TariffId tariffId, FlatTariff privateFlatPrice, Instant openingReadAt,
                          BigDecimal openingRegister, Map<String, BigDecimal> openingRegisters) {
    private static final String PRIVATE_TARIFF_NAME = "flat price of account ";

    public OpenAccount {
        if (tariffId == null) {
            throw new IllegalArgumentException("an account needs a tariff");
        }
        openingRegisters = openingRegisters == null ? Map.of() : Map.copyOf(openingRegisters);
    }

    /** An account priced by an existing tariff of the tenant, single-register meter. */
    public OpenAccount(AccountId accountId, UnitId unitId, MeterId meterId, Currency currency, TariffId tariffId,
                       Instant openingReadAt, BigDecimal openingRegister) {
        this(accountId, unitId, meterId, currency, tariffId, null, openingReadAt, openingRegister, Map.of());
    }

    /** The private tariff id of an account opened with a flat price. */
    public static TariffId privateTariffOf(AccountId accountId) {
        String raw = "flat." + accountId.value();
        return new TariffId(raw.length() <= 64 ? raw : "flat." + Integer.toHexString(accountId.value().hashCode())
                + "." + accountId.value().substring(accountId.value().length() - 40));
    }

    /** The name of the private tariff of an account opened with a flat price: it names the account. */
    public static String privateTariffName(AccountId accountId) {
        return PRIVATE_TARIFF_NAME + accountId.value();
    }

    /**
     * The account whose private tariff a tariff is, read from the tariff's own id and name as {@link #privateTariffOf}
     * and {@link #privateTariffName} make them (both, so that neither alone decides); empty for a shared tariff. Known
     * from the tariff's creation on, whatever order the account's events are read in.
     */
    public static Optional<AccountId> ownerOfPrivateTariff(TariffId tariffId, String name) {
        if (name == null || !name.startsWith(PRIVATE_TARIFF_NAME)) {
            return Optional.empty();
        }
        try {
            AccountId account = new AccountId(name.substring(PRIVATE_TARIFF_NAME.length()));
            return privateTariffOf(account).equals(tariffId) ? Optional.of(account)
                    : Optional.empty();
        } catch (IllegalArgumentException notAnAccountId) {
            return Optional.empty();
        }
    }
}
