package com.meterledger.query.consumption;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Consumption documents in Elasticsearch: a meter document (its unit and utility), one document per accepted reading
 * (the register delta as a whole number of millionths: mWh or millilitres, exact for the three decimals the
 * REST edge allows and the six the tariff engine works with) and one per charge (minor units). Readings and charges carry the meter's unit and utility so that a
 * property's histogram is a plain filter. Ids and external versions come from the aggregate sequence: replays and
 * redeliveries write nothing twice.
 */
@Component
@ProcessingGroup(ConsumptionProjection.PROCESSING_GROUP)
public class ConsumptionProjection {
    public static final String PROCESSING_GROUP = "consumption-search";
    static final int QUANTITY_SCALE = 6;
    private static final Logger log = LoggerFactory.getLogger(ConsumptionProjection.class);

    /** Bound to keep memory flat with very many meters; a miss costs one real-time get. */
    private static final int MAX_CACHED_METERS = 100_000;

    private final SearchAccess search;
    /** A meter's unit and utility never change: known ones need no lookup (tenant:meter -> document). */
    private final Map<String, MeterDocument> meters = new ConcurrentHashMap<>();

    public ConsumptionProjection(SearchAccess search) {
        this.search = search;
    }

    @EventHandler
    void on(MeterRegistered event, @MetaDataValue(value = TENANT, required = true) String tenant, @SequenceNumber long sequence) {
        Map<String, Object> meter = new LinkedHashMap<>();
        meter.put("kind", "meter");
        meter.put("meter_id", event.meterId().value());
        meter.put("unit_id", event.unitId().value());
        meter.put("utility", event.utility().name());
        remember(tenant, new MeterDocument(event.meterId().value(), event.unitId().value(), event.utility().name()));
        search.write(new TenantId(tenant), SearchIndex.CONSUMPTION, meterDocId(event.meterId().value()),
                sequence + 1, meter);
    }

    @EventHandler
    void on(ReadingRecorded event, @MetaDataValue(value = TENANT, required = true) String tenant, @SequenceNumber long sequence) {
        if (event.consumption() == null) {
            return;
        }
        TenantId tenantId = new TenantId(tenant);
        Map<String, Object> reading = meterFields(tenantId, event.meterId().value());
        reading.put("kind", "reading");
        if (event.accountId() != null) {
            reading.put("account_id", event.accountId().value());
        }
        reading.put("read_at", event.readAt().toString());
        if (event.previousReadAt() != null) {
            reading.put("previous_read_at", event.previousReadAt().toString());
        }
        reading.put("quantity_micro", scaled(event.consumption()));
        search.write(tenantId, SearchIndex.CONSUMPTION, "reading:" + event.meterId().value() + ":" + sequence,
                sequence + 1, reading);
    }

    @EventHandler
    void on(ConsumptionCharged event, @MetaDataValue(value = TENANT, required = true) String tenant, @SequenceNumber long sequence) {
        TenantId tenantId = new TenantId(tenant);
        Map<String, Object> charge = meterFields(tenantId, event.meterId().value());
        charge.put("kind", "charge");
        charge.put("account_id", event.accountId().value());
        charge.put("read_at", event.readAt().toString());
        charge.put("charged_minor", event.amount().minorUnits());
        charge.put("currency", event.amount().currency().getCurrencyCode());
        search.write(tenantId, SearchIndex.CONSUMPTION, "charge:" + event.accountId().value() + ":" + sequence,
                sequence + 1, charge);
    }

    /**
     * The meter's unit and utility, remembered from its registration or read from its document. A charge (an account
     * event, possibly in another segment) can arrive before the meter's registration has been projected during a
     * rebuild: failing makes the processor retry the batch once the meter's segment has caught up, instead of
     * writing a charge that no property would count.
     */
    private Map<String, Object> meterFields(TenantId tenant, String meterId) {
        MeterDocument meter = meters.get(tenant.value() + ":" + meterId);
        if (meter == null) {
            meter = search.get(tenant, SearchIndex.CONSUMPTION, meterDocId(meterId), MeterDocument.class)
                    .orElseThrow(() -> new IllegalStateException("meter " + meterId + " is not projected yet"));
            remember(tenant.value(), meter);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("meter_id", meterId);
        fields.put("unit_id", meter.unit_id());
        fields.put("utility", meter.utility());
        return fields;
    }

    private void remember(String tenant, MeterDocument meter) {
        if (meters.size() >= MAX_CACHED_METERS) {
            meters.clear();
        }
        meters.put(tenant + ":" + meter.meter_id(), meter);
    }

    static String meterDocId(String meterId) {
        return "meter:" + meterId;
    }

    /**
     * A finer quantity (no edge should accept one) is rounded half-even with a warning rather than failing: a failing
     * handler would stop its segment for good.
     */
    static long scaled(BigDecimal quantity) {
        BigDecimal millionths = quantity.movePointRight(QUANTITY_SCALE);
        try {
            return millionths.longValueExact();
        } catch (ArithmeticException finerThanMillionths) {
            log.warn("consumption {} has more than {} decimals; counted rounded", quantity.toPlainString(),
                    QUANTITY_SCALE);
            return millionths.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
    }

    /** The stored meter document (field names as in the index). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MeterDocument(String meter_id, String unit_id, String utility) {
    }
}
