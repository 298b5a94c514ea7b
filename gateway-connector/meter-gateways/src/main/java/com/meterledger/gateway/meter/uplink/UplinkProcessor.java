package com.meterledger.gateway.meter.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RecordReadings;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Ids;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.NoteMeterReachable;
import com.meterledger.api.supply.ReachabilitySignal;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.gateway.meter.GatewayProperties;
import com.meterledger.gateway.meter.dlt645.DataIdentifier;
import com.meterledger.gateway.meter.dlt645.Dlt645;
import com.meterledger.gateway.meter.registry.GatewayIdentity;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The anti-corruption layer of the meter uplink: validates a versioned JSON message from an authenticated gateway,
 * turns its items into commands (tenant, actor and origin from the authenticated gateway, never from the payload),
 * and answers with a {@link UplinkResult}. When this returns, every accepted reading is durably stored (a message's
 * readings go as one {@code RecordReadings} per 500 items, each committing its readings and their charges in one
 * transaction before {@code sendAndWait} returns): the MQTT connector acknowledges the broker only then.
 *
 * <p>Contract: a message-level fault (too large, not JSON, unknown version, no batch id, clock skew of
 * {@code sentAt}, too many items, a heartbeat's firmware that is not {@link FreeText}) rejects the whole message and
 * applies nothing. An item-level fault (invalid item, an ack's detail that is not {@link FreeText}, unknown meter or
 * one this gateway does not relay, reading from the future, a reading the meter refuses) rejects that item only; the
 * other items of the batch are applied. Every item is atomic. A duplicate is answered DUPLICATE and changes nothing.
 *
 * <p>A reading item carries its register values as {@code registers} or, from gateways that forward what the meter
 * sent, as {@code frame}: a DL/T 645-2007 read answer in hex whose forward active energy is the total register (an
 * unreadable frame, another data identifier or another meter's frame: {@code INVALID_FRAME}, with the reason).
 */
public class UplinkProcessor {
    public static final String ORIGIN_MQTT = "mqtt";
    public static final String ORIGIN_HTTP = "http";
    private static final Logger log = LoggerFactory.getLogger(UplinkProcessor.class);
    private static final Pattern REGISTER = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");
    private static final Set<String> KINDS = Set.of("INTERVAL", "DAILY_FROZEN", "MONTHLY_FROZEN");
    /** The gateway registry's firmware column is {@code varchar(100)}. */
    private static final int FIRMWARE_LENGTH = 100;

    private final CommandGateway commands;
    private final GatewayRegistry registry;
    private final ObjectMapper json;
    private final GatewayProperties limits;
    private final Clock clock;
    private final MeterRegistry metrics;

    public UplinkProcessor(CommandGateway commands, GatewayRegistry registry, ObjectMapper json,
                           GatewayProperties limits, Clock clock, MeterRegistry metrics) {
        this.commands = commands;
        this.registry = registry;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
    }

    public UplinkResult handle(GatewayIdentity gateway, UplinkKind kind, byte[] payload, String origin) {
        Instant now = clock.instant();
        Envelope envelope;
        try {
            envelope = envelope(kind, payload, now);
        } catch (MessageRejected e) {
            metrics.counter("meterledger.gateway.messages.rejected", "reason", e.reason, "origin", origin).increment();
            recordActivity(gateway, origin, GatewayRegistry.Activity.rejectedMessage());
            log.debug("{} message from {} rejected: {} {}", kind, gateway, e.reason, e.getMessage());
            return UplinkResult.rejected(kind, e.batchId, e.reason, e.getMessage(), now);
        }
        UplinkResult result = switch (kind) {
            case READINGS -> readings(gateway, envelope, origin, now);
            case ACKS -> acks(gateway, envelope, origin, now);
            case HEARTBEAT -> heartbeat(gateway, envelope, origin, now);
        };
        metrics.counter("meterledger.gateway.messages", "kind", kind.topicSuffix(), "origin", origin).increment();
        return result;
    }

    /**
     * The gateway polled for its commands (the HTTP downlink): it is heard from as by a heartbeat. A gateway that only
     * polls, and never sends a heartbeat or anything else, is then back once it polls after being offline, and its
     * meters that were backing off get their commands at once instead of after their waits.
     */
    public void polled(GatewayIdentity gateway, String origin) {
        recordActivity(gateway, origin, GatewayRegistry.Activity.poll());
    }

    private record Envelope(String batchId, JsonNode root) {
    }

    private static final class MessageRejected extends Exception {
        final String reason;
        final String batchId;

        MessageRejected(String reason, String batchId, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.batchId = batchId;
        }
    }

    private Envelope envelope(UplinkKind kind, byte[] payload, Instant now) throws MessageRejected {
        if (payload.length > limits.maxMessageBytes()) {
            throw new MessageRejected("TOO_LARGE", null,
                    "message of " + payload.length + " bytes; at most " + limits.maxMessageBytes() + " are accepted");
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            throw new MessageRejected("MALFORMED", null, "not a JSON document");
        }
        if (root == null || !root.isObject()) {
            throw new MessageRejected("MALFORMED", null, "the message must be a JSON object");
        }
        String batchId = text(root, "batchId");
        if (batchId != null && !validId(batchId)) {
            throw new MessageRejected("MALFORMED", null, "batchId must be 1-64 letters, digits, '.', '_', ':' or '-'");
        }
        if (!root.path("v").isInt()) {
            throw new MessageRejected("MALFORMED", batchId, "field v (the payload version) is required");
        }
        if (root.get("v").asInt() != 1) {
            throw new MessageRejected("UNSUPPORTED_VERSION", batchId, "payload version " + root.get("v").asInt()
                    + " is not supported; this server speaks version 1");
        }
        if (kind == UplinkKind.READINGS && batchId == null) {
            throw new MessageRejected("MALFORMED", null, "a readings message needs a batchId");
        }
        Instant sentAt = instant(root, "sentAt");
        if (sentAt == null) {
            throw new MessageRejected("MALFORMED", batchId, "sentAt must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
        }
        if (sentAt.isAfter(now.plus(limits.maxClockSkew())) || sentAt.isBefore(now.minus(limits.maxClockSkew()))) {
            throw new MessageRejected("CLOCK_SKEW", batchId, "sentAt " + sentAt + " is more than "
                    + limits.maxClockSkew() + " away from the server's time " + now + ": set the gateway's clock");
        }
        String itemsField = switch (kind) {
            case READINGS -> "readings";
            case ACKS -> "acks";
            case HEARTBEAT -> null;
        };
        if (kind == UplinkKind.HEARTBEAT
                && FreeText.judge(text(root, "firmware"), FIRMWARE_LENGTH) instanceof FreeText.Refused refused) {
            throw new MessageRejected("MALFORMED", batchId, "firmware " + refused.reason());
        }
        if (itemsField != null) {
            JsonNode items = root.get(itemsField);
            if (items == null || !items.isArray() || items.isEmpty()) {
                throw new MessageRejected("MALFORMED", batchId, itemsField + " must be a non-empty array");
            }
            if (items.size() > limits.maxItems()) {
                throw new MessageRejected("TOO_MANY_ITEMS", batchId,
                        items.size() + " items; at most " + limits.maxItems() + " per message");
            }
        }
        return new Envelope(batchId, root);
    }

    /** The meters this gateway relays under the addresses the items name (unknown addresses are simply absent). */
    private Map<String, String> metersOf(GatewayIdentity gateway, JsonNode items) {
        Set<String> addresses = new LinkedHashSet<>();
        items.forEach(item -> {
            String meter = text(item, "meter");
            if (meter != null) {
                addresses.add(meter);
            }
        });
        return registry.metersByAddress(gateway, addresses);
    }

    private UplinkResult readings(GatewayIdentity gateway, Envelope envelope, String origin, Instant now) {
        JsonNode items = envelope.root().get("readings");
        Map<String, String> meters = metersOf(gateway, items);
        Map<String, Object> metadata = metadata(gateway, origin);
        UplinkResult.Item[] results = new UplinkResult.Item[items.size()];
        List<Pending> pending = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object checked = reading(i, items.get(i), meters, now);
            if (checked instanceof Pending item) {
                pending.add(item);
            } else {
                results[i] = (UplinkResult.Item) checked;
            }
        }
        for (int from = 0; from < pending.size(); from += RecordReadings.MAX_ITEMS) {
            for (UplinkResult.Item result : record(pending.subList(from, Math.min(pending.size(), from + RecordReadings.MAX_ITEMS)), metadata)) {
                results[result.index()] = result;
            }
        }
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (UplinkResult.Item result : results) {
            switch (result.status()) {
                case "ACCEPTED" -> accepted++;
                case "DUPLICATE" -> duplicates++;
                default -> rejected++;
            }
        }
        recordActivity(gateway, origin, new GatewayRegistry.Activity(accepted, duplicates, rejected, 0, 0, 0, false,
                null));
        count("accepted", origin, accepted);
        count("duplicate", origin, duplicates);
        count("rejected", origin, rejected);
        return new UplinkResult(1, UplinkKind.READINGS.topicSuffix(), envelope.batchId(), UplinkResult.PROCESSED, null,
                null, accepted, duplicates, rejected, null, List.of(results), now);
    }

    /** An item that passed the checks of the anti-corruption layer, waiting to be recorded. */
    private record Pending(int index, String address, String readAt, RecordReading command) {
    }

    /** An item's answer when the checks refuse it, or else its {@link Pending} command. */
    private Object reading(int index, JsonNode item, Map<String, String> meters, Instant now) {
        String address = text(item, "meter");
        String readAtText = text(item, "readAt");
        if (!item.isObject() || address == null || !validId(address)) {
            return rejected(index, address, readAtText, null, "INVALID_ITEM", "meter (the meter's address) is required");
        }
        Instant readAt = instant(item, "readAt");
        if (readAt == null) {
            return rejected(index, address, readAtText, null, "INVALID_ITEM", "readAt must be an ISO-8601 instant");
        }
        String kind = item.hasNonNull("kind") ? item.get("kind").asText() : "INTERVAL";
        if (!KINDS.contains(kind)) {
            return rejected(index, address, readAtText, null, "INVALID_ITEM", "kind must be one of " + KINDS);
        }
        Object total = item.has("frame") ? frameTotal(index, address, readAtText, item.get("frame"))
                : registersTotal(index, address, readAtText, item.get("registers"));
        if (total instanceof UplinkResult.Item refused) {
            return refused;
        }
        if (readAt.isAfter(now.plus(limits.maxClockSkew()))) {
            return rejected(index, address, readAtText, null, "FROM_THE_FUTURE",
                    "read at " + readAt + ", later than the server's time " + now + " plus the allowed skew");
        }
        String meterId = meters.get(address);
        if (meterId == null) {
            return rejected(index, address, readAtText, null, "UNKNOWN_METER",
                    "no meter with address " + address + " is attached to this gateway");
        }
        try {
            return new Pending(index, address, readAtText, new RecordReading(new MeterId(meterId), readAt,
                    (BigDecimal) total, timeOfUse(item.get("registers"))));
        } catch (FieldRejected refused) {
            // a register's name that is not FreeText: the command's own rule, answered for this item only
            return rejected(index, address, readAtText, null, "INVALID_ITEM", refused.getMessage());
        }
    }

    /**
     * The time-of-use registers of a JSON reading ({@code t1}..{@code t4}, or whatever names the meter's tariff
     * prices), every register but {@code total}: the meter charges each one's delta, and refuses the reading when
     * they do not add up to the total's. Before, only {@code total} was passed on and the registers were dropped.
     */
    private static Map<String, BigDecimal> timeOfUse(JsonNode registers) {
        Map<String, BigDecimal> timeOfUse = new java.util.TreeMap<>();
        if (registers != null && registers.isObject()) {
            for (var register : (Iterable<Map.Entry<String, JsonNode>>) registers::fields) {
                if (!register.getKey().equals("total")) {
                    timeOfUse.put(register.getKey(), new BigDecimal(register.getValue().asText()));
                }
            }
        }
        return timeOfUse;
    }

    /** The total register of a JSON reading, or the item's answer when it is refused. */
    private static Object registersTotal(int index, String address, String readAt, JsonNode registers) {
        if (registers == null || !registers.isObject() || !registers.has("total")) {
            return rejected(index, address, readAt, null, "INVALID_ITEM", "registers.total (or a frame) is required");
        }
        for (var register : (Iterable<Map.Entry<String, JsonNode>>) registers::fields) {
            JsonNode value = register.getValue();
            if (!(value.isTextual() || value.isNumber()) || !REGISTER.matcher(value.asText()).matches()) {
                return rejected(index, address, readAt, null, "INVALID_ITEM", "register " + register.getKey()
                        + " must be a non-negative decimal with up to 12 digits and 3 decimals, as a string");
            }
        }
        return new BigDecimal(registers.get("total").asText());
    }

    /**
     * The total register of a raw DL/T 645-2007 frame the gateway forwards (hex, as the meter sent it): the meter's
     * answer to a read of forward active energy (00 01 00 00), from the meter the item names. Otherwise the item's
     * answer names what is wrong with the frame.
     */
    private static Object frameTotal(int index, String address, String readAt, JsonNode frame) {
        try {
            if (!frame.isTextual()) {
                throw new IllegalArgumentException("frame must be the frame's bytes in hex, as a string");
            }
            Dlt645.Reading read = Dlt645.reading(Dlt645.decode(HexFormat.of().parseHex(frame.asText().replace(" ", ""))));
            if (read.identifier() != DataIdentifier.FORWARD_ACTIVE_ENERGY) {
                throw new IllegalArgumentException("the frame carries " + read.identifier()
                        + ", not forward active energy (00 01 00 00)");
            }
            if (!read.address().equals(address)) {
                throw new IllegalArgumentException("the frame comes from meter address " + read.address());
            }
            return read.value();
        } catch (IllegalArgumentException e) {
            return rejected(index, address, readAt, null, "INVALID_FRAME", e.getMessage());
        }
    }


    /**
     * Records up to {@link RecordReadings#MAX_ITEMS} readings as one {@link RecordReadings}: one transaction, committed
     * before this returns. If the domain refuses the batch as a whole (an item failed after its meter took the
     * reading, which only a rollback undoes), the items are sent one by one, so each gets exactly the answer a single
     * reading gets and the others are still applied. A transient failure is retried as a batch, then answered as
     * retryable for every item.
     */
    private List<UplinkResult.Item> record(List<Pending> chunk, Map<String, Object> metadata) {
        Attempt<List<ReadingOutcome>> batch = send(new RecordReadings(chunk.stream().map(Pending::command).toList()),
                metadata);
        List<UplinkResult.Item> results = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Pending item = chunk.get(i);
            if (batch.failure == null) {
                results.add(item(item, batch.value.get(i)));
            } else if (batch.failure.retryable) {
                results.add(batch.failure.item(item.index(), item.address(), item.readAt(), null));
            } else {
                log.debug("batch of {} readings refused as a whole ({}), sending them one by one", chunk.size(),
                        batch.failure.detail);
                Attempt<ReadingOutcome> single = send(item.command(), metadata);
                results.add(single.failure == null ? item(item, single.value)
                        : single.failure.item(item.index(), item.address(), item.readAt(), null));
            }
        }
        return results;
    }

    private static UplinkResult.Item item(Pending item, ReadingOutcome outcome) {
        int index = item.index();
        String address = item.address();
        String readAtText = item.readAt();
        return switch (outcome.status()) {
            case ACCEPTED -> new UplinkResult.Item(index, address, readAtText, null, "ACCEPTED", null, null, null);
            case DUPLICATE -> new UplinkResult.Item(index, address, readAtText, null, "DUPLICATE", null, null, null);
            case REJECTED -> rejected(index, address, readAtText, null, outcome.reason().name(), outcome.detail());
            // the same reasons and details as the single-reading path's NotFound and RuleViolation answers
            case NOT_FOUND -> rejected(index, address, readAtText, null, "UNKNOWN_METER", outcome.detail());
            case REFUSED -> rejected(index, address, readAtText, null, "REFUSED", outcome.detail());
        };
    }

    private UplinkResult acks(GatewayIdentity gateway, Envelope envelope, String origin, Instant now) {
        JsonNode items = envelope.root().get("acks");
        Map<String, String> meters = metersOf(gateway, items);
        Map<String, Object> metadata = metadata(gateway, origin);
        List<UplinkResult.Item> results = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        int ignored = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String address = text(item, "meter");
            String commandId = text(item, "commandId");
            String detail = text(item, "detail");
            if (detail != null && detail.length() > 500) {
                detail = detail.substring(0, 500);
            }
            UplinkResult.Item result;
            if (address == null || commandId == null || !validId(commandId) || !item.path("executed").isBoolean()) {
                result = rejected(i, address, null, commandId, "INVALID_ITEM", "meter, commandId and executed are required");
            } else if (FreeText.judge(detail, FreeText.TEXT) instanceof FreeText.Refused refused) {
                result = rejected(i, address, null, commandId, "INVALID_ITEM", "detail " + refused.reason());
            } else if (!meters.containsKey(address)) {
                result = rejected(i, address, null, commandId, "UNKNOWN_METER",
                        "no meter with address " + address + " is attached to this gateway");
            } else {
                boolean executed = item.get("executed").asBoolean();
                Integer answered = registry.offeredAttempt(gateway.tenant(), commandId).orElse(null);
                Attempt<AcknowledgementOutcome> attempt = send(new ConfirmSupplyCommand(
                        new MeterId(meters.get(address)), new SupplyCommandId(commandId), executed, detail), metadata);
                if (attempt.failure == null) {
                    // the gateway answered the command either way: the downlink stops offering it
                    registry.commandAcknowledged(gateway.tenant(), commandId, executed, detail, answered);
                    AcknowledgementOutcome outcome = attempt.value;
                    result = outcome != null && outcome.ignored()
                            ? new UplinkResult.Item(i, address, null, commandId, "IGNORED", outcome.rule(),
                            outcome.detail(), null)
                            : new UplinkResult.Item(i, address, null, commandId, "ACCEPTED", null, null, null);
                } else {
                    result = attempt.failure.item(i, address, null, commandId);
                }
            }
            results.add(result);
            switch (result.status()) {
                case "ACCEPTED" -> accepted++;
                case "IGNORED" -> ignored++;
                default -> rejected++;
            }
        }
        // the gateway's counters take an ignored acknowledgement as accepted: a valid answer, only a late one
        recordActivity(gateway, origin, new GatewayRegistry.Activity(0, 0, 0, 0, accepted + ignored, rejected, false,
                null));
        metrics.counter("meterledger.gateway.acks", "outcome", "accepted", "origin", origin).increment(accepted);
        metrics.counter("meterledger.gateway.acks", "outcome", "ignored", "origin", origin).increment(ignored);
        metrics.counter("meterledger.gateway.acks", "outcome", "rejected", "origin", origin).increment(rejected);
        return new UplinkResult(1, UplinkKind.ACKS.topicSuffix(), envelope.batchId(), UplinkResult.PROCESSED, null, null,
                accepted, null, rejected, ignored, results, now);
    }

    private UplinkResult heartbeat(GatewayIdentity gateway, Envelope envelope, String origin, Instant now) {
        String firmware = text(envelope.root(), "firmware");
        recordActivity(gateway, origin, new GatewayRegistry.Activity(0, 0, 0, 0, 0, 0, true, firmware));
        return new UplinkResult(1, UplinkKind.HEARTBEAT.topicSuffix(), envelope.batchId(), UplinkResult.PROCESSED, null,
                null, null, null, null, null, null, now);
    }

    private record Failure(String reason, String detail, boolean retryable) {
        UplinkResult.Item item(int index, String meter, String readAt, String commandId) {
            return new UplinkResult.Item(index, meter, readAt, commandId, "REJECTED", reason, detail, retryable ? true : null);
        }
    }

    private record Attempt<T>(T value, Failure failure) {
    }

    /**
     * Sends and waits. A refusal by the domain is the item's answer; anything else (database, a concurrent change of
     * the same aggregate) is retried with back-off for a while, then answered as retryable.
     */
    @SuppressWarnings("unchecked")
    private <T> Attempt<T> send(Object command, Map<String, Object> metadata) {
        long deadline = System.nanoTime() + limits.transientRetryFor().toNanos();
        long pauseMillis = 20;
        while (true) {
            try {
                return new Attempt<>((T) commands.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(metadata)), null);
            } catch (NotFound | AggregateNotFoundException e) {
                return new Attempt<>(null, new Failure("UNKNOWN_METER", e.getMessage(), false));
            } catch (RuleViolation e) {
                return new Attempt<>(null, new Failure("REFUSED", e.rule() + ": " + e.getMessage(), false));
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new Attempt<>(null, new Failure("REFUSED", e.getMessage(), false));
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} failed and was not retried further: {}", command, e.toString());
                    return new Attempt<>(null, new Failure("PROCESSING_FAILED",
                            "temporary failure, send this item again later", true));
                }
                log.debug("{} failed, retrying in {} ms: {}", command, pauseMillis, e.toString());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new Attempt<>(null, new Failure("PROCESSING_FAILED", "interrupted", true));
                }
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    /**
     * Counts the message on the gateway; a gateway heard from after it was offline can reach its meters again, so each
     * of them is told ({@link NoteMeterReachable}): one whose commands the reconciler was backing off gets the command
     * it needs at once. Sent without waiting, after this message's own work: a meter that fails to take it is asked by
     * the reconciler once its back-off ends anyway.
     */
    private void recordActivity(GatewayIdentity gateway, String origin, GatewayRegistry.Activity activity) {
        if (!registry.recordActivity(gateway, activity)) {
            return;
        }
        Map<String, Object> metadata = metadata(gateway, origin);
        for (String meter : registry.meterIds(gateway)) {
            commands.send(GenericCommandMessage.asCommandMessage(new NoteMeterReachable(new MeterId(meter),
                            ReachabilitySignal.GATEWAY_BACK_ONLINE)).andMetaData(metadata))
                    .exceptionally(failure -> {
                        log.debug("meter {} of {} not told that its gateway is back: {}", meter, gateway,
                                failure.toString());
                        return null;
                    });
        }
    }

    private static Map<String, Object> metadata(GatewayIdentity gateway, String origin) {
        return Map.of(MetadataKeys.TENANT, gateway.tenant().value(), MetadataKeys.ACTOR, gateway.gatewayId(),
                MetadataKeys.ORIGIN, origin);
    }

    private void count(String outcome, String origin, int amount) {
        if (amount > 0) {
            metrics.counter("meterledger.gateway.readings", "outcome", outcome, "origin", origin).increment(amount);
        }
    }

    private static UplinkResult.Item rejected(int index, String meter, String readAt, String commandId, String reason,
                                              String detail) {
        return new UplinkResult.Item(index, meter, readAt, commandId, "REJECTED", reason, detail, null);
    }

    private static boolean validId(String value) {
        try {
            Ids.requireValid(value, "id");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
