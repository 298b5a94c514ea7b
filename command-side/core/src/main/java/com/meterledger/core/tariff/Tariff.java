package com.meterledger.core.tariff;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.CreateTariff;
import com.meterledger.api.tariff.PublishTariffVersion;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's price schedule for one utility, as a history of versions. A version only ever takes effect in the
 * future and after every version already published, so consumption already used is never re-priced and a moment in
 * time always has exactly one version in force.
 *
 * <p>Shapes (tier bounds ascending, prices not negative, at most six decimals of a minor unit) are checked by the
 * value types themselves ({@code TariffSchedule}, {@code TierBlock}, {@code TariffVersion}), so a command carrying a
 * malformed price cannot be built; this aggregate adds the rules that need its history and the clock.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Tariff {
    @AggregateIdentifier
    private TariffId tariffId;
    private String tenantId;
    private String name;
    private Utility utility;
    private Currency currency;
    private ZoneId zone;
    private List<TariffVersion> versions = new ArrayList<>();

    protected Tariff() {
    }

    @CommandHandler
    public Tariff(CreateTariff command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        if (command.name() == null || command.name().isBlank()) {
            throw new RuleViolation(TariffRules.NAME_REQUIRED, "a tariff needs a name");
        }
        apply(new TariffCreated(command.tariffId(), command.name().strip(), command.utility(), command.currency(),
                command.zone(), GenericEventMessage.clock.instant()));
    }

    /**
     * The private flat tariff of one account opened with a flat price: created with the account, in the same unit of
     * work, with one version in force from the opening reading (nothing was priced before it, so this re-prices
     * nothing) and no standing charge.
     */
    public static Tariff privateFlat(TariffId tariffId, String name, Utility utility, Currency currency,
                                     BigDecimal pricePerUnit, Instant from) {
        Tariff tariff = new Tariff();
        Instant now = GenericEventMessage.clock.instant();
        apply(new TariffCreated(tariffId, name, utility, currency, ZoneOffset.UTC, now));
        apply(new TariffVersionPublished(tariffId, 1,
                new TariffVersion(from, new TariffSchedule.Flat(pricePerUnit), BigDecimal.ZERO), now));
        return tariff;
    }

    /** @return the number of the published version (1 for the first) */
    @CommandHandler
    public int handle(PublishTariffVersion command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "tariff", tariffId);
        Instant now = GenericEventMessage.clock.instant();
        Instant effectiveFrom = command.version().effectiveFrom();
        if (!versions.isEmpty()) {
            Instant latest = versions.getLast().effectiveFrom();
            if (!effectiveFrom.isAfter(latest)) {
                throw new RuleViolation(TariffRules.VERSION_NOT_AFTER_LATEST, "a new version of tariff " + tariffId
                        + " must take effect after the latest published version (" + latest + "), not at "
                        + effectiveFrom, latest, effectiveFrom);
            }
        }
        if (effectiveFrom.isBefore(now)) {
            throw new RuleViolation(TariffRules.VERSION_BACK_DATED, "a version of tariff " + tariffId
                    + " cannot take effect in the past (" + effectiveFrom + " is before now, " + now + ")",
                    effectiveFrom, now);
        }
        int number = versions.size() + 1;
        apply(new TariffVersionPublished(tariffId, number, command.version(), now));
        return number;
    }

    /** Every published version with the tariff's zone: what {@link TariffEngine} prices with. */
    public TariffTimeline timeline() {
        return new TariffTimeline(zone, versions);
    }

    public TariffId tariffId() {
        return tariffId;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public String tenantId() {
        return tenantId;
    }

    public Utility utility() {
        return utility;
    }

    public Currency currency() {
        return currency;
    }

    @EventSourcingHandler
    void on(TariffCreated event, @MetaDataValue(TENANT) String tenant) {
        tariffId = event.tariffId();
        tenantId = tenant;
        name = event.name();
        utility = event.utility();
        currency = event.currency();
        zone = event.zone();
    }

    @EventSourcingHandler
    void on(TariffVersionPublished event) {
        versions.add(event.version());
    }
}
