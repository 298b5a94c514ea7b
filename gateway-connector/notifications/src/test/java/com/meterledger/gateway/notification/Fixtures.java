package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small in-memory stand-ins for the JDBC stores (those are covered by the integration test on PostgreSQL). */
public final class Fixtures {
    public static final TenantId TENANT = new TenantId("tenant-x");
    public static final AccountId ACCOUNT = new AccountId("acc-1");
    public static final MeterId METER = new MeterId("meter-1");
    public static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private Fixtures() {
    }

    public static OccupantContact contact(Channel... channels) {
        return new OccupantContact(TENANT, ACCOUNT, "Ada Lovelace", "ada@example.org", "+31612345678",
                URI.create("https://hooks.example.org/meterledger"), EnumSet.of(channels[0], channels));
    }

    public static Notification topUp(String eventId) {
        return Notification.topUpReceived(eventId, TENANT, ACCOUNT, NOW, Money.of(2000, "EUR"), "receipt-7",
                Money.of(2450, "EUR"));
    }

    public static final class Contacts implements OccupantContacts {
        final Map<String, OccupantContact> rows = new HashMap<>();
        final Map<String, AlertChoice> choices = new HashMap<>();

        @Override
        public Optional<AlertChoice> alertChoice(TenantId tenant, AccountId account) {
            return Optional.ofNullable(choices.get(tenant + "/" + account));
        }

        @Override
        public AlertChoice chooseAlerts(TenantId tenant, AccountId account, AlertChoice choice) {
            AlertChoice kept = new AlertChoice(choice.channels(), choice.email(), choice.phone(), choice.language(),
                    choice.any() ? "token-" + (choices.size() + 1) : null);
            choices.put(tenant + "/" + account, kept);
            return kept;
        }

        @Override
        public Optional<AccountId> unsubscribe(TenantId tenant, String token) {
            return choices.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(tenant + "/") && token.equals(e.getValue().token()))
                    .findFirst().map(e -> {
                        e.setValue(AlertChoice.none(e.getValue().language()));
                        return new AccountId(e.getKey().substring(e.getKey().indexOf('/') + 1));
                    });
        }

        @Override
        public Optional<OccupantContact> find(TenantId tenant, AccountId account) {
            return Optional.ofNullable(rows.get(tenant + "/" + account));
        }

        @Override
        public void save(OccupantContact contact) {
            rows.put(contact.tenant() + "/" + contact.accountId(), contact);
        }

        @Override
        public boolean erase(TenantId tenant, AccountId account) {
            choices.remove(tenant + "/" + account);
            return rows.remove(tenant + "/" + account) != null;
        }

        @Override
        public int eraseAll(TenantId tenant) {
            int before = rows.size();
            rows.keySet().removeIf(key -> key.startsWith(tenant + "/"));
            choices.keySet().removeIf(key -> key.startsWith(tenant + "/"));
            return before - rows.size();
        }
    }

    public static final class Log implements NotificationLog {
        public record Row(String eventId, Channel channel, Status status, int attempts, String error) {
        }

        final Map<String, Row> rows = Collections.synchronizedMap(new HashMap<>());

        @Override
        public boolean claim(Notification n, Channel channel) {
            return rows.putIfAbsent(n.eventId() + "/" + channel, new Row(n.eventId(), channel, Status.SENDING, 0, null))
                    == null;
        }

        @Override
        public void sent(String eventId, Channel channel, int attempts) {
            rows.put(eventId + "/" + channel, new Row(eventId, channel, Status.SENT, attempts, null));
        }

        @Override
        public void failed(String eventId, Channel channel, int attempts, String error) {
            rows.put(eventId + "/" + channel, new Row(eventId, channel, Status.FAILED, attempts, error));
        }

        @Override
        public void forget(TenantId tenant, AccountId account) {
        }

        public Row row(String eventId, Channel channel) {
            return rows.get(eventId + "/" + channel);
        }
    }

    public static final class Directory implements AccountDirectory {
        final Map<String, AccountId> byMeter = new HashMap<>();

        @Override
        public void remember(TenantId tenant, AccountId account, MeterId meter, Instant openedAt) {
            byMeter.put(tenant + "/" + meter, account);
        }

        @Override
        public boolean knows(TenantId tenant, AccountId account) {
            return byMeter.entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith(tenant + "/") && e.getValue().equals(account));
        }

        @Override
        public Optional<AccountId> accountOf(TenantId tenant, MeterId meter) {
            return Optional.ofNullable(byMeter.get(tenant + "/" + meter));
        }
    }

    /** A port that records what it was given and fails the first {@code failures} times. */
    public static final class RecordingPort implements NotificationPort {
        private final Channel channel;
        private int failures;
        public final List<Delivery> delivered = new ArrayList<>();
        public int calls;

        public RecordingPort(Channel channel, int failures) {
            this.channel = channel;
            this.failures = failures;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public void send(Delivery delivery) {
            calls++;
            if (failures > 0) {
                failures--;
                throw new DeliveryFailed("transport down");
            }
            delivered.add(delivery);
        }
    }
}
