package com.meterledger.gateway.meter.mqtt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code meterledger.mqtt}: the embedded broker of the local run and tests, or an external broker (cluster) in
 * production, and the application's own MQTT client (see the README, "Meter gateways").
 */
@ConfigurationProperties("meterledger.mqtt")
public record MqttProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue EmbeddedBroker embeddedBroker,
        /* the broker the application connects to when the embedded one is off: tcp://host:1883 or ssl://host:8883 */
        @DefaultValue("tcp://127.0.0.1:1883") String url,
        @DefaultValue("meterledger-app") String username,
        /* blank with the embedded broker: a random password is made at start-up */
        @DefaultValue("") String password,
        /* blank: meterledger-<host>-<pid>; must differ per node (persistent sessions) */
        @DefaultValue("") String clientId,
        /* non-blank: subscribe as $share/<group>/ml/v1/+/+/up/+ so several nodes split the uplink */
        @DefaultValue("") String sharedGroup,
        /* threads processing uplink messages; a gateway's messages always go to the same one, in order */
        @DefaultValue("4") int workers,
        @DefaultValue("1000") int maxInflight,
        @DefaultValue Ssl ssl) {

    public record EmbeddedBroker(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("127.0.0.1") String host,
                                 /* 0: a free port */
                                 @DefaultValue("1883") int port,
                                 @DefaultValue("262144") int maxMessageBytes,
                                 @DefaultValue("100000") int sessionQueueSize) {
    }

    /** Trust (and optionally client key) material for ssl:// broker URLs; empty: the JVM's defaults. */
    public record Ssl(@DefaultValue("") String trustStore, @DefaultValue("") String trustStorePassword,
                      @DefaultValue("") String keyStore, @DefaultValue("") String keyStorePassword) {
    }
}
