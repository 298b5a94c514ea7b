package com.meterledger.gateway.meter.mqtt;

import com.meterledger.gateway.meter.registry.GatewayIdentity;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Properties;

/**
 * The in-JVM MQTT 3.1.1 broker (Moquette) of the local run and the tests. Gateways authenticate with their registry
 * credentials (user {@code <tenant>/<gateway>}, password the gateway's secret) and may only publish under their own
 * {@code up/} subtree and subscribe under their own {@code down/} subtree (a gateway that publishes elsewhere is
 * disconnected); the application's client (its own user and password) may do everything. Anonymous clients are
 * refused. Starts before and stops after the application's client.
 */
public class EmbeddedMqttBroker implements SmartLifecycle {
    /** Starts before the application's MQTT client (and Axon's processors), stops after them. */
    public static final int PHASE = Integer.MAX_VALUE - 4096;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final MqttProperties.EmbeddedBroker settings;
    private final GatewayRegistry registry;
    private final String appUsername;
    private final byte[] appPassword;
    private volatile Server server;
    private volatile int port;

    public EmbeddedMqttBroker(MqttProperties.EmbeddedBroker settings, GatewayRegistry registry, String appUsername,
                              String appPassword) {
        this.settings = settings;
        this.registry = registry;
        this.appUsername = appUsername;
        this.appPassword = appPassword.getBytes(StandardCharsets.UTF_8);
    }

    public int port() {
        return port;
    }

    public String serverUri() {
        return "tcp://" + settings.host() + ":" + port;
    }

    @Override
    public void start() {
        int chosen = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        Properties properties = new Properties();
        properties.setProperty("host", settings.host());
        properties.setProperty("port", Integer.toString(chosen));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "false");
        properties.setProperty("allow_zero_byte_client_id", "false");
        properties.setProperty("reauthorize_subscriptions_on_connect", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("immediate_buffer_flush", "true");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(settings.maxMessageBytes()));
        properties.setProperty("session_queue_size", Integer.toString(settings.sessionQueueSize()));
        Server broker = new Server();
        try {
            broker.startServer(new MemoryConfig(properties), List.of(), null, new Authenticator(), new Authorizer());
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded MQTT broker did not start on " + settings.host() + ":" + chosen, e);
        }
        server = broker;
        port = chosen;
        log.info("Embedded MQTT broker (Moquette, MQTT 3.1.1) listening on {}", serverUri());
    }

    @Override
    public void stop() {
        Server broker = server;
        server = null;
        if (broker != null) {
            broker.stopServer();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private boolean isApplication(String username) {
        return appUsername.equals(username);
    }

    private final class Authenticator implements IAuthenticator {
        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            if (isApplication(username)) {
                return password != null && MessageDigest.isEqual(appPassword, password);
            }
            boolean valid = GatewayIdentity.parseUsername(username)
                    .map(gateway -> registry.authenticate(gateway, password)).orElse(false);
            if (!valid) {
                log.info("MQTT connect refused: client {} user {} (unknown gateway or wrong secret)", clientId, username);
            }
            return valid;
        }
    }

    private final class Authorizer implements IAuthorizatorPolicy {
        /**
         * A refused publish also disconnects its client: MQTT 3.1.1 has no negative acknowledgement, so a server that
         * does not authorize a PUBLISH must acknowledge it or close the connection [MQTT-3.3.5-2]. Moquette only drops
         * it, which left the client waiting for a PUBACK that never came.
         */
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            boolean allowed = isApplication(user) || GatewayIdentity.parseUsername(user)
                    .map(gateway -> Topics.mayPublish(gateway, topic.toString())).orElse(false);
            if (!allowed) {
                log.warn("MQTT publish refused: client {} user {} may not publish on {}; disconnecting it", client,
                        user, topic);
                disconnect(client);
            }
            return allowed;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return isApplication(user) || GatewayIdentity.parseUsername(user)
                    .map(gateway -> Topics.maySubscribe(gateway, topic.toString())).orElse(false);
        }
    }

    /** Off the broker's session loop, which is the thread that asks {@link Authorizer#canWrite}. */
    private void disconnect(String client) {
        Thread.ofVirtual().name("mqtt-disconnect-" + client).start(() -> {
            Server broker = server;
            if (broker != null) {
                broker.disconnectClient(client);
            }
        });
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
