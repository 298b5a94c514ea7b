package com.meterledger.gateway.meter.downlink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.gateway.meter.mqtt.MqttConnector;
import com.meterledger.gateway.meter.mqtt.Topics;
import com.meterledger.gateway.meter.registry.GatewayIdentity;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Instant;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Downlink: every {@link SupplyCommandIssued} (first attempt and each retry, same command id) goes to the gateway
 * that relays the meter, on {@code ml/v1/<tenant>/<gateway>/down/commands}, and is recorded so that HTTP-only gateways
 * can poll it. The gateway answers on {@code .../up/acks}; that becomes {@code ConfirmSupplyCommand}. Time-outs and
 * retries belong to the supply-control process, which re-issues the event.
 * <p>
 * A subscribing processor (see {@code GatewayConfiguration}): the node whose unit of work issues the command records
 * it in the same transaction and publishes it the moment that transaction commits, instead of a streaming processor
 * finding it in the store later (that hop was most of the time from a depleting reading to the cut). History is never
 * sent down again. A command lost between commit and publish (the node stops) is not acknowledged, so the
 * supply-control time-out issues it again.
 */
@ProcessingGroup(DownlinkCommands.PROCESSING_GROUP)
public class DownlinkCommands {
    public static final String PROCESSING_GROUP = "gateway-downlink";
    private static final Logger log = LoggerFactory.getLogger(DownlinkCommands.class);

    private final GatewayRegistry registry;
    private final ObjectProvider<MqttConnector> mqtt;
    private final MeterRegistry metrics;

    public DownlinkCommands(GatewayRegistry registry, ObjectProvider<MqttConnector> mqtt, MeterRegistry metrics) {
        this.registry = registry;
        this.mqtt = mqtt;
        this.metrics = metrics;
    }

    /** The command message of the downlink topic. {@code meter} is the address the gateway knows the meter by. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Command(int v, String commandId, String meter, String meterId, String action, int attempt,
                          Instant issuedAt) {
    }

    @EventHandler
    public void on(SupplyCommandIssued event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant issuedAt) {
        if (tenant == null) {
            return;
        }
        TenantId tenantId = new TenantId(tenant);
        Optional<GatewayRegistry.Route> route = registry.routeOf(tenantId, event.meterId().value());
        if (route.isEmpty()) {
            metrics.counter("meterledger.gateway.commands", "outcome", "no-gateway").increment();
            log.info("supply command {} for meter {} of tenant {}: no gateway relays this meter", event.commandId(),
                    event.meterId(), tenant);
            return;
        }
        GatewayIdentity gateway = new GatewayIdentity(tenantId, route.get().gatewayId());
        registry.commandSent(tenantId, gateway.gatewayId(), event.meterId().value(), event.commandId().value(),
                event.action().name(), event.attempt(), issuedAt);
        MqttConnector connector = mqtt.getIfAvailable();
        if (connector != null) {
            Command command = new Command(1, event.commandId().value(), route.get().address(),
                    event.meterId().value(), event.action().name(), event.attempt(), issuedAt);
            afterCommit(() -> publish(connector, gateway, command));
        }
        metrics.counter("meterledger.gateway.commands", "outcome", "sent").increment();
    }

    /** An attempt that timed out with no retry left: the command is abandoned, no longer offered to poll. */
    @EventHandler
    public void on(SupplyCommandTimedOut event, @MetaDataValue(TENANT) String tenant) {
        if (tenant != null && !event.willRetry()) {
            registry.commandEnded(new TenantId(tenant), event.commandId().value());
        }
    }

    /** The meter could not carry out the last attempt: failed for good, no longer offered to poll. */
    @EventHandler
    public void on(SupplyCommandFailed event, @MetaDataValue(TENANT) String tenant) {
        if (tenant != null && !event.willRetry()) {
            registry.commandEnded(new TenantId(tenant), event.commandId().value());
        }
    }

    /**
     * The command is committed by now: a failed publish must not fail the work that issued it. The gateway never
     * acknowledges it, so the supply-control time-out issues it again.
     */
    private void publish(MqttConnector connector, GatewayIdentity gateway, Command command) {
        try {
            connector.publish(Topics.commands(gateway), command);
        } catch (RuntimeException e) {
            metrics.counter("meterledger.gateway.commands", "outcome", "publish-failed").increment();
            log.warn("supply command {} not published to gateway {}; its time-out will issue it again: {}",
                    command.commandId(), gateway.gatewayId(), e.toString());
        }
    }

    /** Never sends a command whose issuing transaction might still roll back. */
    private static void afterCommit(Runnable publish) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> publish.run());
        } else {
            publish.run();
        }
    }
}
