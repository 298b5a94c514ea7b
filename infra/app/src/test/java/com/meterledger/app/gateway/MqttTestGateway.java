package com.meterledger.app.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain Paho MQTT 3.1.1 client acting as a field gateway: nothing of the application's own MQTT code. It subscribes
 * to its downlink subtree and collects what arrives there, per topic.
 */
public final class MqttTestGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final String tenant;
    final String gatewayId;
    private final MqttClient client;
    final BlockingQueue<JsonNode> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();

    public MqttTestGateway(String serverUri, String tenant, String gatewayId, String secret) throws MqttException {
        this.tenant = tenant;
        this.gatewayId = gatewayId;
        client = new MqttClient(serverUri, "test-" + gatewayId + "-" + UUID.randomUUID().toString().substring(0, 6),
                new MemoryPersistence());
        client.setTimeToWait(10_000);
        client.connect(options(tenant + "/" + gatewayId, secret));
        client.subscribe(base() + "/down/#", 1, (topic, message) -> {
            JsonNode body = JSON.readTree(message.getPayload());
            if (topic.endsWith("/commands")) {
                commands.add(body);
            } else if (topic.endsWith("/results")) {
                results.add(body);
            }
        });
    }

    static MqttConnectOptions options(String username, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(10);
        return options;
    }

    String base() {
        return "ml/v1/" + tenant + "/" + gatewayId;
    }

    public void publish(String kind, String json) throws MqttException {
        publishOn(base() + "/up/" + kind, json);
    }

    void publishOn(String topic, String json) throws MqttException {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    public JsonNode nextResult() throws InterruptedException {
        return next(results, Duration.ofSeconds(20), "result");
    }

    JsonNode nextCommand() throws InterruptedException {
        return next(commands, Duration.ofSeconds(20), "command");
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue, Duration timeout, String what) throws InterruptedException {
        JsonNode node = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (node == null) {
            throw new AssertionError("no " + what + " within " + timeout);
        }
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
