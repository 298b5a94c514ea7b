package com.meterledger.gateway.meter.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.gateway.meter.uplink.UplinkProcessor;
import com.meterledger.gateway.meter.uplink.UplinkResult;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The application's own MQTT client (Paho, MQTT 3.1.1), the same against the embedded broker and an external cluster.
 *
 * <p>At-least-once: it subscribes to the uplink with QoS 1, a persistent session (clean session off) and
 * <em>manual acknowledgements</em>. A message is handed to the worker that owns its gateway (so one gateway's
 * messages are processed in order), processed to the end — every accepted reading committed — its result published,
 * and only then is the PUBACK sent to the broker. If the node dies before that, the broker still holds the message
 * unacknowledged and delivers it again (to this node's session when it reconnects, or, with a shared subscription,
 * to another node); the duplicate readings are then answered DUPLICATE and charge nothing.
 *
 * <p>Moquette's interceptor callbacks were not used for this: they are notified after the broker has already
 * acknowledged the publisher and cannot hold back an acknowledgement, and they only exist with the embedded broker.
 */
public class MqttConnector implements SmartLifecycle {
    /** Late: after Axon and the web server are up; stops first, before the broker. */
    public static final int PHASE = Integer.MAX_VALUE - 100;
    private static final Logger log = LoggerFactory.getLogger(MqttConnector.class);

    private final MqttProperties properties;
    private final Supplier<String> serverUri;
    private final String password;
    private final UplinkProcessor processor;
    private final ObjectMapper json;
    private final List<ExecutorService> workers = new ArrayList<>();
    private volatile MqttAsyncClient client;

    public MqttConnector(MqttProperties properties, Supplier<String> serverUri, String password,
                         UplinkProcessor processor, ObjectMapper json) {
        this.properties = properties;
        this.serverUri = serverUri;
        this.password = password;
        this.processor = processor;
        this.json = json;
    }

    @Override
    public void start() {
        for (int i = 0; i < Math.max(1, properties.workers()); i++) {
            int index = i;
            workers.add(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mqtt-uplink-" + index);
                thread.setDaemon(true);
                return thread;
            }));
        }
        try {
            String clientId = properties.clientId().isBlank() ? defaultClientId() : properties.clientId();
            MqttAsyncClient mqtt = new MqttAsyncClient(serverUri.get(), clientId, new MemoryPersistence());
            mqtt.setManualAcks(true);
            mqtt.setCallback(new Callback());
            client = mqtt;                     // before connecting: connectComplete subscribes through it
            mqtt.connect(options()).waitForCompletion(30_000);
            log.info("MQTT uplink connected to {} as {}, subscribed to {}", serverUri.get(), clientId,
                    Topics.uplinkSubscription(properties.sharedGroup()));
        } catch (MqttException e) {
            throw new IllegalStateException("could not connect to the MQTT broker at " + serverUri.get() + ": " + e, e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(properties.maxInflight());
        options.setUserName(properties.username());
        options.setPassword(password.toCharArray());
        MqttProperties.Ssl ssl = properties.ssl();
        if (ssl != null && (!ssl.trustStore().isBlank() || !ssl.keyStore().isBlank())) {
            Properties sslProperties = new Properties();
            if (!ssl.trustStore().isBlank()) {
                sslProperties.setProperty("com.ibm.ssl.trustStore", ssl.trustStore());
                sslProperties.setProperty("com.ibm.ssl.trustStorePassword", ssl.trustStorePassword());
            }
            if (!ssl.keyStore().isBlank()) {
                sslProperties.setProperty("com.ibm.ssl.keyStore", ssl.keyStore());
                sslProperties.setProperty("com.ibm.ssl.keyStorePassword", ssl.keyStorePassword());
            }
            options.setSSLProperties(sslProperties);
        }
        return options;
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            try {
                // after a reconnect the persistent session still holds the subscription; subscribing again is harmless
                client().subscribe(Topics.uplinkSubscription(properties.sharedGroup()), 1);
            } catch (MqttException e) {
                log.error("MQTT subscription failed: {}", e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("MQTT connection lost ({}); reconnecting", cause == null ? "no cause" : cause.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Topics.parseUplink(topic).ifPresentOrElse(uplink -> {
                int worker = Math.floorMod(uplink.gateway().hashCode(), workers.size());
                workers.get(worker).execute(() -> process(uplink, message));
            }, () -> {
                log.debug("ignoring a message on {}", topic);
                acknowledge(message);
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    private MqttAsyncClient client() {
        MqttAsyncClient mqtt = client;
        if (mqtt == null) {
            throw new IllegalStateException("MQTT is not connected yet");
        }
        return mqtt;
    }

    private void process(Topics.Uplink uplink, MqttMessage message) {
        try {
            UplinkResult result = processor.handle(uplink.gateway(), uplink.kind(), message.getPayload(),
                    UplinkProcessor.ORIGIN_MQTT);
            if (result.messageRejected() || !"heartbeat".equals(result.type())) {
                publish(Topics.results(uplink.gateway()), result);
            }
            acknowledge(message);
        } catch (RuntimeException e) {
            // not acknowledged: the broker delivers it again after this client reconnects
            log.error("uplink message on {} failed and stays unacknowledged: {}", uplink, e.toString(), e);
        }
    }

    private void acknowledge(MqttMessage message) {
        if (message.getQos() == 0) {
            return;
        }
        try {
            client().messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            log.warn("could not acknowledge MQTT message {}: {}", message.getId(), e.toString());
        }
    }

    /** Publishes with QoS 1 and does not wait for the broker's PUBACK. */
    public void publish(String topic, Object payload) {
        try {
            MqttMessage message = new MqttMessage(json.writeValueAsBytes(payload));
            message.setQos(1);
            client().publish(topic, message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT publish to " + topic + " failed: " + e, e);
        }
    }

    @Override
    public void stop() {
        MqttAsyncClient mqtt = client;
        client = null;
        if (mqtt != null) {
            try {
                mqtt.disconnect(5_000).waitForCompletion(6_000);
            } catch (MqttException e) {
                log.debug("MQTT disconnect: {}", e.toString());
            }
            try {
                mqtt.close(true);
            } catch (MqttException e) {
                log.debug("MQTT close: {}", e.toString());
            }
        }
        workers.forEach(ExecutorService::shutdown);
        workers.forEach(worker -> {
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private static String defaultClientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String id = "meterledger-" + host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
