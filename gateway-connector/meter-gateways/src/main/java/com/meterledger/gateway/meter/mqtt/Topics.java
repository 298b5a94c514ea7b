package com.meterledger.gateway.meter.mqtt;

import com.meterledger.gateway.meter.registry.GatewayIdentity;
import com.meterledger.gateway.meter.uplink.UplinkKind;

import java.util.Optional;

/**
 * The topic scheme, one subtree per tenant and gateway (the gateway's MQTT user name is {@code <tenant>/<gateway>},
 * so broker ACL patterns like {@code ml/v1/%u/up/#} express the whole authorization rule):
 * <pre>
 *   ml/v1/{tenant}/{gateway}/up/readings     gateway -> app   batches of readings
 *   ml/v1/{tenant}/{gateway}/up/heartbeat    gateway -> app   liveness, firmware
 *   ml/v1/{tenant}/{gateway}/up/acks         gateway -> app   command acknowledgements
 *   ml/v1/{tenant}/{gateway}/down/commands   app -> gateway   cut / restore commands, with a command id
 *   ml/v1/{tenant}/{gateway}/down/results    app -> gateway   per-message and per-item results, reasons
 * </pre>
 */
public final class Topics {
    public static final String ROOT = "ml/v1";

    private Topics() {
    }

    public static String uplink(GatewayIdentity gateway, UplinkKind kind) {
        return base(gateway) + "/up/" + kind.topicSuffix();
    }

    public static String commands(GatewayIdentity gateway) {
        return base(gateway) + "/down/commands";
    }

    public static String results(GatewayIdentity gateway) {
        return base(gateway) + "/down/results";
    }

    /** What the application subscribes to; with a shared group, {@code $share/<group>/...} so nodes split the load. */
    public static String uplinkSubscription(String sharedGroup) {
        String filter = ROOT + "/+/+/up/+";
        return sharedGroup == null || sharedGroup.isBlank() ? filter : "$share/" + sharedGroup + "/" + filter;
    }

    public record Uplink(GatewayIdentity gateway, UplinkKind kind) {
    }

    public static Optional<Uplink> parseUplink(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 6 || !(parts[0] + "/" + parts[1]).equals(ROOT) || !parts[4].equals("up")) {
            return Optional.empty();
        }
        Optional<UplinkKind> kind = UplinkKind.ofTopicSuffix(parts[5]);
        Optional<GatewayIdentity> gateway = GatewayIdentity.parseUsername(parts[2] + "/" + parts[3]);
        return kind.isPresent() && gateway.isPresent() ? Optional.of(new Uplink(gateway.get(), kind.get())) : Optional.empty();
    }

    /** A gateway may publish only under its own {@code up/} subtree, concrete topics only. */
    public static boolean mayPublish(GatewayIdentity gateway, String topic) {
        return !topic.contains("+") && !topic.contains("#") && parseUplink(topic)
                .filter(uplink -> uplink.gateway().equals(gateway)).isPresent();
    }

    /** A gateway may subscribe only under its own {@code down/} subtree. */
    public static boolean maySubscribe(GatewayIdentity gateway, String topicFilter) {
        String own = base(gateway) + "/down/";
        return topicFilter.startsWith(own) && !topicFilter.substring(0, own.length()).contains("+");
    }

    private static String base(GatewayIdentity gateway) {
        return ROOT + "/" + gateway.tenant().value() + "/" + gateway.gatewayId();
    }
}
