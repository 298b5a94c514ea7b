package com.meterledger.perf.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated field gateway (a DTU/concentrator) speaking the MeterLedger MQTT contract with a plain Paho client:
 * it batches one interval reading per meter per round, keeps a window of unanswered batches, re-sends a batch whose
 * result does not come (at-least-once from the field), obeys cut/restore commands (a cut meter stops consuming) and
 * acknowledges them, and injects faults on demand: duplicates, reordering, drops, offline periods, relay failures,
 * clock skew.
 */
public final class SimulatedGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fault probabilities (per batch; relay per command); all zero for the clean benchmark. */
    public record Faults(double duplicate, double reorder, double drop, double offline, double relay, double skew) {
        public static Faults none() {
            return new Faults(0, 0, 0, 0, 0, 0);
        }

        public boolean any() {
            return duplicate + reorder + drop + offline + relay + skew > 0;
        }

        public static Faults parse(String spec) {
            Map<String, Double> values = new ConcurrentHashMap<>();
            for (String part : spec.split(",")) {
                if (!part.isBlank()) {
                    String[] kv = part.split("=");
                    values.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                }
            }
            return new Faults(values.getOrDefault("duplicate", 0.0), values.getOrDefault("reorder", 0.0),
                    values.getOrDefault("drop", 0.0), values.getOrDefault("offline", 0.0),
                    values.getOrDefault("relay", 0.0), values.getOrDefault("skew", 0.0));
        }
    }

    /** A simulated meter: cumulative register, a daily load curve, a relay the downlink can open and close. */
    public static final class Meter {
        public final String meterId;
        public final String accountId;
        public final boolean depleting;
        final double baseKwhPerInterval;
        BigDecimal register = BigDecimal.ZERO.setScale(3);
        public volatile boolean supplyOn = true;
        /** highest register the server accepted (answered ACCEPTED or DUPLICATE): what it has charged up to */
        public volatile BigDecimal acceptedRegister = BigDecimal.ZERO.setScale(3);
        volatile long publishedDepletingAt = -1;
        volatile long cutArrivedAt = -1;
        volatile long topUpAt = -1;
        volatile long restoreArrivedAt = -1;
        BigDecimal depletingRegister;

        /** readings of this meter the server took (ACCEPTED or DUPLICATE in the first result of their batch) */
        public final java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();

        public Meter(String meterId, String accountId, boolean depleting, double baseKwhPerInterval) {
            this.meterId = meterId;
            this.accountId = accountId;
            this.depleting = depleting;
            this.baseKwhPerInterval = baseKwhPerInterval;
        }
    }

    public interface Listener {
        /** A reading went out for the first time: index is its position in the whole run. */
        void published(Meter meter, int round, long nanos);

        void commandArrived(Meter meter, String action, long nanos);
    }

    final String tenant;
    final String gatewayId;
    final List<Meter> meters;
    private final String serverUri;
    private final String secret;
    private final Faults faults;
    private final SplittableRandom random;
    private final Semaphore window;
    private final Listener listener;
    private final Map<String, Batch> unanswered = new ConcurrentHashMap<>();
    private final Duration resultTimeout;
    private MqttAsyncClient client;
    public final AtomicLong batchesSent = new AtomicLong();
    public final AtomicLong resent = new AtomicLong();
    public final AtomicLong duplicatesSent = new AtomicLong();
    public final AtomicLong reordered = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong offlinePeriods = new AtomicLong();
    public final AtomicLong skewed = new AtomicLong();
    public final AtomicLong relayFailures = new AtomicLong();
    public final AtomicLong itemsAccepted = new AtomicLong();
    public final AtomicLong itemsDuplicate = new AtomicLong();
    public final AtomicLong itemsRejected = new AtomicLong();
    public final AtomicLong messagesRejected = new AtomicLong();
    public final AtomicLong commandsObeyed = new AtomicLong();
    /** rejected items by the reason the server gave */
    public final Map<String, AtomicLong> rejectedBy = new ConcurrentHashMap<>();
    private Batch heldBack;

    private record Batch(String id, byte[] payload, List<Meter> meters, List<BigDecimal> registers, long firstSentAt) {
    }

    public SimulatedGateway(String serverUri, String tenant, String gatewayId, String secret, List<Meter> meters,
                     Faults faults, long seed, int window, Duration resultTimeout, Listener listener) {
        this.serverUri = serverUri;
        this.tenant = tenant;
        this.gatewayId = gatewayId;
        this.secret = secret;
        this.meters = meters;
        this.faults = faults;
        this.random = new SplittableRandom(seed);
        this.window = new Semaphore(window);
        this.resultTimeout = resultTimeout;
        this.listener = listener;
    }

    public void connect() throws MqttException {
        client = new MqttAsyncClient(serverUri, "sim-" + gatewayId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                JsonNode body = JSON.readTree(message.getPayload());
                if (topic.endsWith("/results")) {
                    onResult(body);
                } else if (topic.endsWith("/commands")) {
                    onCommand(body);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);          // commands sent while offline wait in the broker
        options.setUserName(tenant + "/" + gatewayId);
        options.setPassword(secret.toCharArray());
        options.setMaxInflight(1000);
        client.connect(options).waitForCompletion(20_000);
        client.subscribe(base() + "/down/#", 1).waitForCompletion(20_000);
    }

    private String base() {
        return "ml/v1/" + tenant + "/" + gatewayId;
    }

    /** One round: every meter consumes for one interval and is read at {@code readAt}; the batch goes out. */
    public void round(int round, Instant readAt, Duration interval) throws Exception {
        if (faults.offline() > 0 && random.nextDouble() < faults.offline()) {
            offlinePeriods.incrementAndGet();
            client.disconnect().waitForCompletion(10_000);
            Thread.sleep(200 + random.nextInt(800));
            client.reconnect();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!client.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        List<BigDecimal> registers = new ArrayList<>(meters.size());
        ArrayNode items = JSON.createArrayNode();
        double hour = readAt.atZone(java.time.ZoneOffset.UTC).getHour() + readAt.atZone(java.time.ZoneOffset.UTC).getMinute() / 60.0;
        for (Meter meter : meters) {
            if (meter.supplyOn) {
                double kwh = meter.depleting ? 1.0 : meter.baseKwhPerInterval * dailyCurve(hour) * (0.8 + 0.4 * random.nextDouble());
                BigDecimal delta = BigDecimal.valueOf(Math.max(0.001, kwh)).setScale(3, RoundingMode.HALF_UP);
                meter.register = meter.register.add(delta);
            }
            registers.add(meter.register);
            ObjectNode item = items.addObject();
            item.put("meter", meter.meterId);
            item.put("readAt", readAt.toString());
            item.put("kind", "INTERVAL");
            item.putObject("registers").put("total", meter.register.toPlainString());
        }
        String batchId = gatewayId + "-r" + round;
        // a full window of lost results would otherwise wait forever: send overdue batches again while waiting
        while (!window.tryAcquire(resultTimeout.toMillis() / 2 + 1, TimeUnit.MILLISECONDS)) {
            resendOverdue();
        }
        long now = System.nanoTime();
        Batch batch = new Batch(batchId, null, meters, registers, now);
        unanswered.put(batchId, batch);
        for (Meter meter : meters) {
            listener.published(meter, round, now);
        }
        Instant sentAt = Instant.now();
        boolean skew = faults.skew() > 0 && random.nextDouble() < faults.skew();
        if (skew) {
            skewed.incrementAndGet();
            sentAt = sentAt.plus(Duration.ofMinutes(30));      // a gateway whose clock jumped: the whole message is refused
        }
        byte[] payload = payload(batchId, sentAt, items);
        Batch ready = new Batch(batchId, skew ? payload(batchId, Instant.now(), items) : payload, meters, registers, now);
        unanswered.put(batchId, ready);
        if (faults.drop() > 0 && random.nextDouble() < faults.drop()) {
            dropped.incrementAndGet();                           // lost on the way: re-sent after the result time-out
        } else if (faults.reorder() > 0 && heldBack == null && random.nextDouble() < faults.reorder()) {
            reordered.incrementAndGet();
            heldBack = new Batch(batchId, payload, meters, registers, now);   // goes out after the next batch
        } else {
            send(payload);
            if (heldBack != null) {
                send(heldBack.payload());
                heldBack = null;
            }
            if (faults.duplicate() > 0 && random.nextDouble() < faults.duplicate()) {
                duplicatesSent.incrementAndGet();
                send(payload);
            }
        }
        resendOverdue();
    }

    /** Sends what is still held back and re-sends unanswered batches until every batch has its result. */
    public void drain(Duration timeout) throws Exception {
        if (heldBack != null) {
            send(heldBack.payload());
            heldBack = null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
            resendOverdue();
            Thread.sleep(50);
        }
        if (!unanswered.isEmpty()) {
            throw new IllegalStateException(gatewayId + ": " + unanswered.size() + " batches never answered");
        }
    }

    private void resendOverdue() throws MqttException {
        long overdue = System.nanoTime() - resultTimeout.toNanos();
        for (Batch batch : unanswered.values()) {
            if (batch.payload() != null && batch.firstSentAt() < overdue && (heldBack == null || !heldBack.id().equals(batch.id()))) {
                resent.incrementAndGet();
                unanswered.put(batch.id(), new Batch(batch.id(), batch.payload(), batch.meters(), batch.registers(), System.nanoTime()));
                send(batch.payload());
            }
        }
    }

    private void send(byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        while (true) {
            try {
                client.publish(base() + "/up/readings", message);
                batchesSent.incrementAndGet();
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT
                        && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                    throw e;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static byte[] payload(String batchId, Instant sentAt, ArrayNode items) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("batchId", batchId);
        root.put("sentAt", sentAt.toString());
        root.set("readings", items);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void onResult(JsonNode result) {
        String batchId = result.path("batchId").asText(null);
        Batch batch = batchId == null ? null : unanswered.get(batchId);
        if (batch == null) {
            return;                                              // the answer to a duplicate we already had
        }
        if ("REJECTED".equals(result.path("status").asText())) {
            messagesRejected.incrementAndGet();
            if ("CLOCK_SKEW".equals(result.path("reason").asText())) {
                // the gateway resyncs its clock and sends the batch again, stamped correctly
                try {
                    send(batch.payload());
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
                return;
            }
        } else {
            JsonNode items = result.path("items");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String status = item.path("status").asText();
                Meter meter = batch.meters().get(item.path("index").asInt());
                BigDecimal register = batch.registers().get(item.path("index").asInt());
                switch (status) {
                    case "ACCEPTED" -> itemsAccepted.incrementAndGet();
                    case "DUPLICATE" -> itemsDuplicate.incrementAndGet();
                    default -> {
                        itemsRejected.incrementAndGet();
                        rejectedBy.computeIfAbsent(item.path("reason").asText("?"), r -> new AtomicLong())
                                .incrementAndGet();
                    }
                }
                if (!status.equals("REJECTED")) {
                    meter.taken.incrementAndGet();
                    synchronized (meter) {
                        if (register.compareTo(meter.acceptedRegister) > 0) {
                            meter.acceptedRegister = register;
                        }
                    }
                }
            }
        }
        if (unanswered.remove(batchId) != null) {
            window.release();
        }
    }

    private void onCommand(JsonNode command) throws MqttException {
        String address = command.path("meter").asText();
        String action = command.path("action").asText();
        Meter meter = meters.stream().filter(m -> m.meterId.equals(address)).findFirst().orElse(null);
        if (meter == null) {
            return;
        }
        long now = System.nanoTime();
        listener.commandArrived(meter, action, now);
        boolean executed = !(faults.relay() > 0 && random.nextDouble() < faults.relay());
        if (executed) {
            meter.supplyOn = action.equals("RESTORE");
            commandsObeyed.incrementAndGet();
        } else {
            relayFailures.incrementAndGet();
        }
        ObjectNode ack = JSON.createObjectNode();
        ack.put("v", 1);
        ack.put("sentAt", Instant.now().toString());
        ObjectNode item = ack.putArray("acks").addObject();
        item.put("commandId", command.path("commandId").asText());
        item.put("meter", address);
        item.put("executed", executed);
        if (!executed) {
            item.put("detail", "relay did not move");
        }
        MqttMessage message = new MqttMessage(ack.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(base() + "/up/acks", message);
    }

    /** A household's day: low at night, a morning and a larger evening peak. */
    static double dailyCurve(double hour) {
        return 0.35 + 0.8 * Math.exp(-Math.pow(hour - 7.5, 2) / 2.0) + 1.3 * Math.exp(-Math.pow(hour - 19.5, 2) / 4.0);
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(5_000);
                }
                client.close();
            }
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
