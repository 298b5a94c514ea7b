package com.meterledger.tenantadmin.registry;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.FieldRuleViolation;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.MeterHierarchy;
import com.meterledger.api.registry.MeterHierarchySet;
import com.meterledger.api.registry.SetMeterHierarchy;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Every master and sub-meter relation of one tenant, as the history of who set what. One small aggregate per tenant
 * rather than a command on the {@code Tenant}: tenants configured on the platform (not signed up) have no
 * {@code Tenant} history, yet their properties have master meters too. All hierarchies of a tenant sit here, so
 * "a sub-meter under two masters" is judged against every property at once and two people cannot both win a race.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class MeterHierarchyBook {
    @AggregateIdentifier
    private String bookId;
    private TenantId tenantId;
    /** Sub-meter id to its master's id (strings: a snapshot's map keys stay plain). */
    private Map<String, String> masterOf = new HashMap<>();

    protected MeterHierarchyBook() {
    }

    /** Setting the same sub-meters again stores nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetMeterHierarchy command, @MetaDataValue(TENANT) String tenant) {
        if (tenant == null || !command.tenantId().sameAs(tenant) || (tenantId != null && !tenantId.sameAs(tenant))) {
            throw new NotFound("meter hierarchies", command.tenantId());
        }
        MeterHierarchy proposed = command.hierarchy();
        Map<MeterId, MeterId> current = new HashMap<>();
        masterOf.forEach((sub, master) -> current.put(new MeterId(sub), new MeterId(master)));
        if (MeterHierarchyRules.judgeShape(proposed, current) instanceof MeterHierarchyRules.Refused refused) {
            throw new FieldRuleViolation(refused.field(), refused.rule(), refused.reason());
        }
        List<String> now = masterOf.entrySet().stream()
                .filter(e -> e.getValue().equals(proposed.master().value())).map(Map.Entry::getKey).sorted().toList();
        List<String> asked = proposed.subMeters().stream().map(MeterId::value).sorted().toList();
        if (tenantId == null || !Objects.equals(now, asked)) {
            apply(new MeterHierarchySet(command.tenantId(), proposed, GenericEventMessage.clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(MeterHierarchySet event) {
        bookId = SetMeterHierarchy.bookOf(event.tenantId());
        tenantId = event.tenantId();
        String master = event.hierarchy().master().value();
        masterOf.values().removeIf(master::equals);
        event.hierarchy().subMeters().forEach(sub -> masterOf.put(sub.value(), master));
    }
}
