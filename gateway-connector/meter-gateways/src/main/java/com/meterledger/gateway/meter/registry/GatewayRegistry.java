package com.meterledger.gateway.meter.registry;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.Ids;
import com.meterledger.api.gateway.GatewayStatus;
import com.meterledger.api.listing.ListCursor;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.listing.SqlList;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of meter gateways (tables of V30__meter_gateways.sql). Every statement filters by tenant. A gateway is
 * online while its last message (heartbeat, poll for commands or any other) is younger than {@code offlineAfter}.
 */
@Transactional
public class GatewayRegistry {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration offlineAfter;

    public GatewayRegistry(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration offlineAfter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Registers a gateway and returns its secret: the only time the secret is ever visible. */
    public String register(TenantId tenant, String gatewayId, String propertyId, String name) {
        Ids.requireValid(gatewayId, "gateway id");
        Ids.requireValid(propertyId, "property id");
        String secret = GatewaySecrets.newSecret();
        byte[] salt = GatewaySecrets.newSalt();
        try {
            jdbc.sql("""
                            insert into meter_gateway (tenant_id, gateway_id, property_id, name, secret_salt, secret_hash)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(tenant.value(), gatewayId, propertyId, name, salt, GatewaySecrets.hash(salt, secret))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("gateway-exists", "gateway " + gatewayId + " is already registered");
        } catch (DataIntegrityViolationException e) {
            throw new NotFound("property", propertyId);
        }
        return secret;
    }

    /** A new secret; the old one stops working at once (connected MQTT sessions keep running until they reconnect). */
    public String rotateSecret(TenantId tenant, String gatewayId) {
        String secret = GatewaySecrets.newSecret();
        byte[] salt = GatewaySecrets.newSalt();
        int updated = jdbc.sql("""
                        update meter_gateway set secret_salt = ?, secret_hash = ?, secret_rotated_at = now()
                        where tenant_id = ? and gateway_id = ?""")
                .params(salt, GatewaySecrets.hash(salt, secret), tenant.value(), gatewayId).update();
        if (updated == 0) {
            throw new NotFound("gateway", gatewayId);
        }
        return secret;
    }

    public boolean authenticate(GatewayIdentity gateway, byte[] secret) {
        if (secret == null) {
            return false;
        }
        return jdbc.sql("select secret_salt, secret_hash from meter_gateway where tenant_id = ? and gateway_id = ?")
                .params(gateway.tenant().value(), gateway.gatewayId())
                .query((rs, row) -> GatewaySecrets.matches(rs.getBytes(1), rs.getBytes(2), secret))
                .optional().orElse(false);
    }

    public Optional<GatewayView> find(TenantId tenant, String gatewayId) {
        return jdbc.sql("select * from meter_gateway where tenant_id = ? and gateway_id = ?")
                .params(tenant.value(), gatewayId)
                .query((rs, row) -> view(rs, meters(tenant, gatewayId)))
                .optional();
    }

    /** The gateway list's name, which its cursors carry. */
    public static final String LIST = "gateways";
    /** Sort keys of the gateway list and the column each one sorts by; the id breaks ties. */
    public static final Map<String, String> SORTS = Map.of("gatewayId", "g.gateway_id", "name", "g.name",
            "propertyId", "g.property_id", "lastSeenAt", "g.last_seen_at");

    /** One row of the gateway list: liveness, counters and how many meters it relays, never its secret. */
    public record GatewayListItem(String gatewayId, String propertyId, String name, boolean online, Instant lastSeenAt,
                                  String firmware, long meters, GatewayView.Counters counters) {
    }

    /**
     * A page of the gateways of the properties the scope shows; {@code property} and {@code offline} (null: either)
     * narrow it. Offline is worked out in SQL with the same bound as {@link #online}, so the filter and the flag agree.
     * Paged by the rules of every list ({@link SqlList}): after the window's cursor when it has one; never seen sorts
     * as the earliest moment, as the index of V267 keeps it.
     */
    public ListPage<GatewayListItem> list(TenantId tenant, PropertyScope scope, String property, Boolean offline,
                                          ListWindow window) {
        Timestamp silentSince = Timestamp.from(clock.instant().minus(offlineAfter));
        SqlList sql = new SqlList("g.tenant_id", tenant.value()).moments("g.last_seen_at")
                .scope("g.property_id", scope)
                .when(property, "g.property_id = ?")
                .when(Boolean.TRUE.equals(offline) ? silentSince : null,
                        "(g.last_seen_at is null or g.last_seen_at <= ?)")
                .when(Boolean.FALSE.equals(offline) ? silentSince : null, "g.last_seen_at > ?");
        String where = sql.where();
        String page = sql.page(SORTS, "g.gateway_id", window);
        return ListPage.of(jdbc.sql("select g.*, (select count(*) from meter_gateway_meter m "
                        + "where m.tenant_id = g.tenant_id and m.gateway_id = g.gateway_id) as meter_count "
                        + "from meter_gateway g where " + where + page)
                .params(sql.params())
                .query((rs, row) -> {
                    Instant lastSeen = instant(rs, "last_seen_at");
                    return new GatewayListItem(rs.getString("gateway_id"), rs.getString("property_id"),
                            rs.getString("name"), online(lastSeen), lastSeen, rs.getString("firmware"),
                            rs.getLong("meter_count"), counters(rs));
                })
                .list(), window, item -> cursor(item, window));
    }

    /** Where the gateway list continues after {@code item} in the window's order. */
    static ListCursor cursor(GatewayListItem item, ListWindow window) {
        String value = switch (window.sort()) {
            case "name" -> item.name();
            case "propertyId" -> item.propertyId();
            case "lastSeenAt" -> item.lastSeenAt() == null ? null : item.lastSeenAt().toString();
            default -> item.gatewayId();
        };
        return window.cursorAfter(value, item.gatewayId());
    }

    /** Liveness of the property's gateways, for other modules (see GatewayStatusQueries). */
    public List<GatewayStatus> statuses(TenantId tenant, String propertyId) {
        return jdbc.sql("select * from meter_gateway where tenant_id = ? and property_id = ? order by gateway_id")
                .params(tenant.value(), propertyId)
                .query((rs, row) -> status(rs))
                .list();
    }

    /** Liveness of the gateway that relays the meter, if any. */
    public Optional<GatewayStatus> statusOfMeter(TenantId tenant, String meterId) {
        return jdbc.sql("""
                        select g.* from meter_gateway g
                        join meter_gateway_meter m on m.tenant_id = g.tenant_id and m.gateway_id = g.gateway_id
                        where g.tenant_id = ? and m.meter_id = ?""")
                .params(tenant.value(), meterId)
                .query((rs, row) -> status(rs))
                .optional();
    }

    private GatewayStatus status(ResultSet rs) throws SQLException {
        Instant lastSeen = instant(rs, "last_seen_at");
        return new GatewayStatus(rs.getString("gateway_id"), new PropertyId(rs.getString("property_id")),
                rs.getString("name"), online(lastSeen), lastSeen);
    }

    private boolean online(Instant lastSeen) {
        return lastSeen != null && lastSeen.isAfter(clock.instant().minus(offlineAfter));
    }

    public void attach(TenantId tenant, String gatewayId, String meterId, String address) {
        Ids.requireValid(meterId, "meter id");
        Ids.requireValid(address, "meter address");
        transactions.executeWithoutResult(status -> {
            requireGateway(tenant, gatewayId);
            Optional<String> current = jdbc.sql("select gateway_id from meter_gateway_meter where tenant_id = ? and meter_id = ? for update")
                    .params(tenant.value(), meterId).query(String.class).optional();
            if (current.isPresent() && !current.get().equals(gatewayId)) {
                throw new RuleViolation("meter-on-another-gateway",
                        "meter " + meterId + " is relayed by gateway " + current.get() + ": detach it there first");
            }
            try {
                jdbc.sql("""
                                insert into meter_gateway_meter (tenant_id, meter_id, gateway_id, address) values (?, ?, ?, ?)
                                on conflict (tenant_id, meter_id) do update set address = excluded.address""")
                        .params(tenant.value(), meterId, gatewayId, address).update();
            } catch (DuplicateKeyException e) {
                throw new RuleViolation("meter-address-taken", "address " + address + " is already used on gateway " + gatewayId);
            }
        });
    }

    public void detach(TenantId tenant, String gatewayId, String meterId) {
        int deleted = jdbc.sql("delete from meter_gateway_meter where tenant_id = ? and gateway_id = ? and meter_id = ?")
                .params(tenant.value(), gatewayId, meterId).update();
        if (deleted == 0) {
            throw new NotFound("meter on gateway " + gatewayId, meterId);
        }
    }

    /** The meters this gateway relays among {@code addresses}: address -> meter id. Unknown addresses are absent. */
    public Map<String, String> metersByAddress(GatewayIdentity gateway, Collection<String> addresses) {
        Map<String, String> meters = new HashMap<>();
        if (addresses.isEmpty()) {
            return meters;
        }
        jdbc.sql("select address, meter_id from meter_gateway_meter where tenant_id = ? and gateway_id = ? and address = any(?)")
                .params(gateway.tenant().value(), gateway.gatewayId(), addresses.toArray(String[]::new))
                .query(rs -> {
                    meters.put(rs.getString(1), rs.getString(2));
                });
        return meters;
    }

    public record Route(String gatewayId, String address) {
    }

    /** Which gateway relays this meter of this tenant, and under which address. */
    public Optional<Route> routeOf(TenantId tenant, String meterId) {
        return jdbc.sql("select gateway_id, address from meter_gateway_meter where tenant_id = ? and meter_id = ?")
                .params(tenant.value(), meterId)
                .query((rs, row) -> new Route(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** What one uplink message changed: counters add up, last-seen moves; a heartbeat also records its time. */
    public record Activity(long accepted, long duplicate, long rejected, long messagesRejected, long acksAccepted,
                           long acksRejected, boolean heartbeat, String firmware) {
        public static Activity rejectedMessage() {
            return new Activity(0, 0, 0, 1, 0, 0, false, null);
        }

        /** A poll for commands: the gateway was heard from, and nothing is counted. */
        public static Activity poll() {
            return new Activity(0, 0, 0, 0, 0, 0, false, null);
        }
    }

    /**
     * @return whether the gateway was offline until this message (never heard from, or silent for {@code offlineAfter}
     * or longer): its meters can be reached again. Two messages of a returning gateway at the same moment may both say
     * so; telling its meters twice does no harm.
     */
    public boolean recordActivity(GatewayIdentity gateway, Activity activity) {
        Instant now = clock.instant();
        boolean cameBack = jdbc.sql("""
                        update meter_gateway g set last_seen_at = ?,
                            last_heartbeat_at = case when ? then ? else g.last_heartbeat_at end,
                            firmware = coalesce(?, g.firmware),
                            readings_accepted = g.readings_accepted + ?, readings_duplicate = g.readings_duplicate + ?,
                            readings_rejected = g.readings_rejected + ?, messages_rejected = g.messages_rejected + ?,
                            acks_accepted = g.acks_accepted + ?, acks_rejected = g.acks_rejected + ?
                        from meter_gateway prior
                        where prior.tenant_id = g.tenant_id and prior.gateway_id = g.gateway_id
                          and g.tenant_id = ? and g.gateway_id = ?
                        returning prior.last_seen_at is null or prior.last_seen_at <= ?""")
                .params(Timestamp.from(now), activity.heartbeat(), Timestamp.from(now),
                        activity.firmware(), activity.accepted(), activity.duplicate(), activity.rejected(),
                        activity.messagesRejected(), activity.acksAccepted(), activity.acksRejected(),
                        gateway.tenant().value(), gateway.gatewayId(), Timestamp.from(now.minus(offlineAfter)))
                .query(Boolean.class).optional().orElse(false);
        long accepted = activity.accepted() + activity.duplicate() + activity.acksAccepted();
        long refused = activity.rejected() + activity.messagesRejected() + activity.acksRejected();
        if (accepted + refused > 0) {
            // the hour's tally of the communication-success KPI (V234); a gateway not registered adds nothing
            jdbc.sql("""
                            insert into meter_gateway_hour (tenant_id, gateway_id, property_id, hour, accepted, refused)
                            select tenant_id, gateway_id, property_id, date_trunc('hour', cast(? as timestamptz)), ?, ?
                            from meter_gateway where tenant_id = ? and gateway_id = ?
                            on conflict (tenant_id, gateway_id, hour) do update
                            set accepted = meter_gateway_hour.accepted + excluded.accepted,
                                refused = meter_gateway_hour.refused + excluded.refused""")
                    .params(Timestamp.from(clock.instant()), accepted, refused, gateway.tenant().value(),
                            gateway.gatewayId())
                    .update();
        }
        return cameBack;
    }

    /** The ids of the meters this gateway relays. */
    public List<String> meterIds(GatewayIdentity gateway) {
        return jdbc.sql("select meter_id from meter_gateway_meter where tenant_id = ? and gateway_id = ? order by meter_id")
                .params(gateway.tenant().value(), gateway.gatewayId()).query(String.class).list();
    }

    /**
     * A command's attempt, to be offered to a polling gateway until it answers. The next attempt of the same command
     * (after a time-out, or after the meter answered that it could not carry it out) is pending again: the earlier
     * attempt's answer is cleared, else an HTTP gateway that reported a relay that did not move was never offered
     * the retry, and the command was abandoned instead of tried again.
     */
    public void commandSent(TenantId tenant, String gatewayId, String meterId, String commandId, String action,
                            int attempt, Instant issuedAt) {
        jdbc.sql("""
                        insert into meter_gateway_command (tenant_id, command_id, gateway_id, meter_id, action, attempt, issued_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, command_id) do update
                            set attempt = excluded.attempt, sent_at = now(), gateway_id = excluded.gateway_id,
                                acknowledged_at = case when excluded.attempt > meter_gateway_command.attempt then null
                                                       else meter_gateway_command.acknowledged_at end,
                                executed = case when excluded.attempt > meter_gateway_command.attempt then null
                                                else meter_gateway_command.executed end,
                                detail = case when excluded.attempt > meter_gateway_command.attempt then null
                                              else meter_gateway_command.detail end""")
                .params(tenant.value(), commandId, gatewayId, meterId, action, attempt, Timestamp.from(issuedAt))
                .update();
    }

    /**
     * The supply-control process gave the command up (its last attempt timed out or failed): it is no longer offered
     * to a polling gateway, which would otherwise carry out a CUT or RESTORE nobody waits for any more, up to
     * {@code command-max-age} later. A late answer to it changes nothing here either.
     */
    public void commandEnded(TenantId tenant, String commandId) {
        jdbc.sql("delete from meter_gateway_command where tenant_id = ? and command_id = ? and acknowledged_at is null")
                .params(tenant.value(), commandId).update();
    }

    /** The attempt of the command the downlink offers now, if it offers it: what an answer arriving now answers. */
    public Optional<Integer> offeredAttempt(TenantId tenant, String commandId) {
        return jdbc.sql("select attempt from meter_gateway_command where tenant_id = ? and command_id = ?")
                .params(tenant.value(), commandId).query(Integer.class).optional();
    }

    /**
     * The gateway answered {@code attempt} of the command (null: whichever is offered). An answer "not executed" makes
     * the meter send the next attempt at once, in the same work and before this runs: that attempt stays offered.
     */
    public void commandAcknowledged(TenantId tenant, String commandId, boolean executed, String detail,
                                    Integer attempt) {
        jdbc.sql("""
                        update meter_gateway_command set acknowledged_at = now(), executed = ?, detail = ?
                        where tenant_id = ? and command_id = ? and (cast(? as integer) is null or attempt = ?)""")
                .params(executed, detail, tenant.value(), commandId, attempt, attempt).update();
    }

    public record PendingCommand(String commandId, String meterId, String address, String action, int attempt,
                                 Instant issuedAt) {
    }

    /** Commands sent to this gateway and not yet acknowledged, oldest first (the HTTP downlink's poll answer). */
    public List<PendingCommand> pendingCommands(GatewayIdentity gateway, Duration maxAge) {
        return jdbc.sql("""
                        select c.command_id, c.meter_id, m.address, c.action, c.attempt, c.issued_at
                        from meter_gateway_command c
                        left join meter_gateway_meter m on m.tenant_id = c.tenant_id and m.meter_id = c.meter_id
                        where c.tenant_id = ? and c.gateway_id = ? and c.acknowledged_at is null and c.sent_at > ?
                        order by c.sent_at limit 500""")
                .params(gateway.tenant().value(), gateway.gatewayId(), Timestamp.from(clock.instant().minus(maxAge)))
                .query((rs, row) -> new PendingCommand(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? rs.getString(2) : rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    private void requireGateway(TenantId tenant, String gatewayId) {
        if (jdbc.sql("select count(*) from meter_gateway where tenant_id = ? and gateway_id = ?")
                .params(tenant.value(), gatewayId).query(Long.class).single() == 0) {
            throw new NotFound("gateway", gatewayId);
        }
    }

    private List<GatewayView.AttachedMeter> meters(TenantId tenant, String gatewayId) {
        return jdbc.sql("""
                        select meter_id, address, attached_at from meter_gateway_meter
                        where tenant_id = ? and gateway_id = ? order by meter_id""")
                .params(tenant.value(), gatewayId)
                .query((rs, row) -> new GatewayView.AttachedMeter(rs.getString(1), rs.getString(2), instant(rs, 3)))
                .list();
    }

    private GatewayView view(ResultSet rs, List<GatewayView.AttachedMeter> meters) throws SQLException {
        Instant lastSeen = instant(rs, "last_seen_at");
        boolean online = online(lastSeen);
        TenantId tenant = new TenantId(rs.getString("tenant_id"));
        String gatewayId = rs.getString("gateway_id");
        return new GatewayView(gatewayId, rs.getString("property_id"), rs.getString("name"),
                new GatewayIdentity(tenant, gatewayId).username(), online, lastSeen, instant(rs, "last_heartbeat_at"),
                rs.getString("firmware"), counters(rs), meters, instant(rs, "created_at"), instant(rs, "secret_rotated_at"));
    }

    private static GatewayView.Counters counters(ResultSet rs) throws SQLException {
        return new GatewayView.Counters(rs.getLong("readings_accepted"), rs.getLong("readings_duplicate"),
                rs.getLong("readings_rejected"), rs.getLong("messages_rejected"), rs.getLong("acks_accepted"),
                rs.getLong("acks_rejected"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
