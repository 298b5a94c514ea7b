package com.meterledger.core.meter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.ReadingRejected;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.shared.Utility;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A physical meter: its cumulative register, the readings it accepted and the account it supplies. */
@Aggregate(snapshotTriggerDefinition = "meterSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Meter {
    /** How many recent readings are remembered so that a redelivered one is recognised as a duplicate. */
    static final int REMEMBERED_READINGS = 64;

    @AggregateIdentifier
    private MeterId meterId;
    private String tenantId;
    private Utility utility;
    private Instant lastReadAt;
    private BigDecimal lastRegister;
    private AccountId accountId;
    private Deque<RememberedReading> recent = new ArrayDeque<>();

    record RememberedReading(Instant readAt, BigDecimal value) {
    }

    protected Meter() {
    }

    public Meter(RegisterMeter command, String tenant, Instant now) {
        if (command.serialNumber() == null || command.serialNumber().isBlank()) {
            throw new RuleViolation("meter-serial-required", "a meter needs its serial number");
        }
        apply(new MeterRegistered(command.meterId(), command.unitId(), command.utility(), command.serialNumber(), now));
    }

    /** Move-in: the opening reading becomes the baseline from which the account is charged. */
    public void attachAccount(AccountId account, Instant readAt, BigDecimal openingRegister, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (accountId != null) {
            throw new RuleViolation("meter-already-supplies-an-account",
                    "meter " + meterId + " already supplies account " + accountId);
        }
        ReadingPolicy.Verdict verdict = ReadingPolicy.judge(utility, lastReadAt, lastRegister, null, readAt,
                openingRegister, now);
        if (verdict instanceof ReadingPolicy.Reject reject) {
            throw new RuleViolation("opening-reading-" + reject.reason().name().toLowerCase().replace('_', '-'),
                    reject.detail());
        }
        apply(new MeterAttachedToAccount(meterId, account, readAt, openingRegister));
    }

    /** What a reading became, and the accepted reading itself when there is one to charge. */
    public record Recorded(ReadingOutcome outcome, Optional<ReadingRecorded> reading) {
    }

    public Recorded record(RecordReading command, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        ReadingPolicy.Verdict verdict = ReadingPolicy.judge(utility, lastReadAt, lastRegister,
                rememberedValueAt(command.readAt()), command.readAt(), command.registerValue(), now);
        return switch (verdict) {
            case ReadingPolicy.Duplicate duplicate -> new Recorded(ReadingOutcome.duplicate(), Optional.empty());
            case ReadingPolicy.Reject reject -> {
                apply(new ReadingRejected(meterId, command.readAt(), command.registerValue(), reject.reason(),
                        reject.detail()));
                yield new Recorded(ReadingOutcome.rejected(reject.reason(), reject.detail()), Optional.empty());
            }
            case ReadingPolicy.Accept accept -> {
                ReadingRecorded reading = new ReadingRecorded(meterId, accountId, command.readAt(),
                        command.registerValue(), accept.consumption());
                apply(reading);
                yield new Recorded(ReadingOutcome.accepted(), Optional.of(reading));
            }
        };
    }

    public Utility utility() {
        return utility;
    }

    private BigDecimal rememberedValueAt(Instant readAt) {
        for (RememberedReading reading : recent) {
            if (reading.readAt().equals(readAt)) {
                return reading.value();
            }
        }
        return null;
    }

    @EventSourcingHandler
    void on(MeterRegistered event, @MetaDataValue(TENANT) String tenant) {
        meterId = event.meterId();
        tenantId = tenant;
        utility = event.utility();
    }

    @EventSourcingHandler
    void on(MeterAttachedToAccount event) {
        accountId = event.accountId();
        remember(event.readAt(), event.openingRegister());
    }

    @EventSourcingHandler
    void on(ReadingRecorded event) {
        remember(event.readAt(), event.registerValue());
    }

    private void remember(Instant readAt, BigDecimal value) {
        lastReadAt = readAt;
        lastRegister = value;
        recent.addFirst(new RememberedReading(readAt, value));
        if (recent.size() > REMEMBERED_READINGS) {
            recent.removeLast();
        }
    }
}
