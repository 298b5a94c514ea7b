package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindUnitOfAccount;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.occupantlink.EndRememberedDevice;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.RememberDevice;
import com.meterledger.api.occupantlink.RememberedDeviceGrant;
import com.meterledger.api.occupantlink.RememberedDeviceEnding;
import com.meterledger.api.occupantlink.RememberedDeviceId;
import com.meterledger.api.occupantlink.VerifyRememberedDevice;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.tenancy.TenantContext;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "Remember this phone": an occupant who opened a live payment link may let the phone back into that one account's
 * portal without the link, for {@link PaymentLinkProperties#deviceTimeToLive()} (180 days unless configured) from the
 * moment it was remembered. The rules (SECURITY.md, "Remembered phones"):
 * <ul>
 *   <li>the phone keeps {@code <tenant>.<secret>} (256 random bits) in an HttpOnly cookie; the table keeps the
 *   secret's SHA-256 only, and no event carries either;</li>
 *   <li>it opens only the account it was remembered for, only while it has not ended, not expired, and the payment
 *   link it was remembered through is not revoked (a link that merely expired is what the phone outlives);</li>
 *   <li>it ends for good when staff revoke it (one, or all of the account's), when the occupant forgets it, when its
 *   payment link is revoked, and when the account closes ({@link ClosedAccountDevices}); each ending is an event
 *   with its actor.</li>
 * </ul>
 */
@Service
public class RememberedDevices {
    /** The cookie's value: the tenant (so the lookup runs under its row-level security) and the secret. */
    private static final Pattern COOKIE = Pattern.compile("([a-z0-9][a-z0-9-]{0,62})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How stale "last used" may be before a visit writes it again (a live page's stream opens every ten minutes). */
    private static final long LAST_USED_GRAIN_SECONDS = 60;

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PaymentLinkProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    public RememberedDevices(JdbcClient jdbc, CommandGateway commands, QueryGateway queries,
                             PaymentLinkProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.queries = queries;
        this.properties = properties;
        // its own transaction, begun once the cookie's tenant is bound (as PaymentLinks.verify)
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** How long a phone stays remembered from the moment it was. */
    public java.time.Duration timeToLive() {
        return properties.deviceTimeToLive();
    }

    /** A phone just remembered: the cookie's value goes to the phone once and is never stored. */
    public record Remembered(RememberedDeviceId deviceId, String cookie, Instant expiresAt) {
        @Override
        public String toString() {
            return "Remembered[deviceId=" + deviceId + ", cookie=<withheld>, expiresAt=" + expiresAt + "]";
        }
    }

    /** A remembered phone as staff see it; {@code ended} null while it is live, else why it ended. */
    public record Device(String deviceId, DeviceLabel label, Instant createdAt, Instant lastUsedAt,
                         Instant expiresAt, Instant endedAt, RememberedDeviceEnding ended, boolean expired) {
        public boolean live() {
            return ended == null && !expired;
        }
    }

    /**
     * Remembers the phone that opened the live link {@code grant}: a row with the secret's hash and the label, and the
     * event {@code DeviceRemembered} whose actor is the link, in one transaction.
     */
    @Transactional
    public Remembered remember(TenantId tenant, PaymentLinkGrant grant, String userAgent) {
        if (!grant.tenant().sameAs(tenant.value())) {
            throw new NotFound("account", grant.accountId());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RememberedDeviceId deviceId = new RememberedDeviceId("rd-" + HexFormat.of().formatHex(randomBytes(10)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(properties.deviceTimeToLive());
        jdbc.sql("""
                        insert into remembered_device (device_id, tenant_id, account_id, link_id, token_hash, label,
                            created_at, expires_at, last_used_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(deviceId.value(), tenant.value(), grant.accountId().value(), grant.linkId(), hash(token),
                        DeviceLabel.of(userAgent).code(), Timestamp.from(now), Timestamp.from(expires),
                        Timestamp.from(now))
                .update();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RememberDevice(deviceId, tenant,
                grant.accountId(), grant.linkId(), expires)).andMetaData(metadata(tenant,
                "payment-link:" + grant.linkId(), "payment-link")));
        return new Remembered(deviceId, tenant.value() + "." + token, expires);
    }

    /**
     * The grant of a phone's cookie that is well-formed, known, live, not past its expiry and whose payment link is
     * not revoked; it marks the phone used. Empty for anything else: a tampered, unknown, ended or expired cookie
     * opens nothing and leaves nothing behind. Which account it opens is the caller's check
     * ({@link RememberedDeviceGrant#opens}). Every occupant's door asks it through {@link VerifyRememberedDevice}.
     */
    @QueryHandler
    public Optional<RememberedDeviceGrant> handle(VerifyRememberedDevice query) {
        return verify(query.cookie());
    }

    private Optional<RememberedDeviceGrant> verify(String cookie) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        var parts = COOKIE.matcher(cookie);
        if (!parts.matches()) {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = new TenantId(parts.group(1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String hash = hash(parts.group(2));
        return TenantContext.callAs(tenant, () -> transactions.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            Optional<RememberedDeviceGrant> grant = jdbc.sql("""
                            select d.device_id, d.account_id, d.expires_at from remembered_device d
                            where d.tenant_id = ? and d.token_hash = ? and d.ended_at is null and d.expires_at > ?
                              and exists (select 1 from payment_link l where l.tenant_id = d.tenant_id
                                          and l.link_id = d.link_id and l.revoked_at is null)""")
                    .params(tenant.value(), hash, now)
                    .query((rs, n) -> new RememberedDeviceGrant(new RememberedDeviceId(rs.getString(1)), tenant,
                            new AccountId(rs.getString(2)), rs.getTimestamp(3).toInstant()))
                    .optional();
            grant.ifPresent(g -> jdbc.sql("""
                            update remembered_device set last_used_at = ?
                            where tenant_id = ? and device_id = ? and last_used_at < ?""")
                    .params(now, tenant.value(), g.deviceId().value(),
                            Timestamp.from(now.toInstant().minusSeconds(LAST_USED_GRAIN_SECONDS)))
                    .update());
            return grant;
        }));
    }

    /** The account's remembered phones, newest first, live and ended; another tenant's account is not found. */
    @Transactional(readOnly = true)
    public List<Device> of(TenantId tenant, String accountId) {
        requireAccount(tenant, accountId);
        Instant now = clock.instant();
        return jdbc.sql("""
                        select device_id, label, created_at, last_used_at, expires_at, ended_at, ended_why
                        from remembered_device where tenant_id = ? and account_id = ?
                        order by created_at desc, device_id""")
                .params(tenant.value(), accountId)
                .query((rs, n) -> device(rs, now)).list();
    }

    /** Staff revoke one of the account's phones; one that ended already stays as it was, an unknown one is not found. */
    @Transactional
    public void revoke(TenantId tenant, String accountId, String deviceId, String actor) {
        requireAccount(tenant, accountId);
        boolean known = jdbc.sql("select count(*) from remembered_device where tenant_id = ? and account_id = ? "
                        + "and device_id = ?").params(tenant.value(), accountId, deviceId).query(Long.class)
                .single() == 1;
        if (!known) {
            throw new NotFound("remembered device", deviceId);
        }
        end(tenant, List.of(deviceId), RememberedDeviceEnding.REVOKED_BY_STAFF, actor, "rest");
    }

    /** Staff revoke every live phone of the account; how many ended. */
    @Transactional
    public int revokeAll(TenantId tenant, String accountId, String actor) {
        requireAccount(tenant, accountId);
        return end(tenant, live("account_id", tenant, accountId), RememberedDeviceEnding.REVOKED_BY_STAFF, actor,
                "rest");
    }

    /** The occupant's "forget this phone", through the phone's own grant. */
    @Transactional
    public void forget(TenantId tenant, RememberedDeviceGrant grant) {
        if (!grant.tenant().sameAs(tenant.value())) {
            throw new NotFound("remembered device", grant.deviceId());
        }
        end(tenant, List.of(grant.deviceId().value()), RememberedDeviceEnding.FORGOTTEN_BY_OCCUPANT,
                "remembered-device:" + grant.deviceId(), "payment-link");
    }

    /** The phones remembered through a payment link that was just revoked end with it, in its transaction. */
    @Transactional
    public int endForLink(TenantId tenant, String linkId, String actor) {
        return end(tenant, live("link_id", tenant, linkId), RememberedDeviceEnding.LINK_REVOKED, actor, "rest");
    }

    /** The phones of an account that closed end with it. */
    @Transactional
    public int endForAccount(TenantId tenant, String accountId, String actor, String origin) {
        return end(tenant, live("account_id", tenant, accountId), RememberedDeviceEnding.ACCOUNT_CLOSED, actor,
                origin);
    }

    private List<String> live(String column, TenantId tenant, String value) {
        return jdbc.sql("select device_id from remembered_device where tenant_id = ? and " + column
                        + " = ? and ended_at is null order by device_id")
                .params(tenant.value(), value).query(String.class).list();
    }

    /** Ends the phones not ended yet: the row and the event, each phone once. */
    private int end(TenantId tenant, List<String> deviceIds, RememberedDeviceEnding why, String actor, String origin) {
        int ended = 0;
        for (String deviceId : deviceIds) {
            int changed = jdbc.sql("""
                            update remembered_device set ended_at = ?, ended_why = ?, ended_by = ?
                            where tenant_id = ? and device_id = ? and ended_at is null""")
                    .params(Timestamp.from(clock.instant()), why.name(), actor, tenant.value(), deviceId).update();
            if (changed == 1) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EndRememberedDevice(
                        new RememberedDeviceId(deviceId), why)).andMetaData(metadata(tenant, actor, origin)));
                ended++;
            }
        }
        return ended;
    }

    private void requireAccount(TenantId tenant, String accountId) {
        queries.query(new FindUnitOfAccount(tenant, new AccountId(accountId)),
                        ResponseTypes.optionalInstanceOf(UnitId.class)).join()
                .orElseThrow(() -> new NotFound("account", accountId));
    }

    private static Device device(ResultSet rs, Instant now) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        String why = rs.getString("ended_why");
        Instant expires = rs.getTimestamp("expires_at").toInstant();
        return new Device(rs.getString("device_id"), DeviceLabel.parse(rs.getString("label")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_used_at").toInstant(), expires,
                ended == null ? null : ended.toInstant(), why == null ? null : RememberedDeviceEnding.valueOf(why),
                !expires.isAfter(now));
    }

    private static Map<String, Object> metadata(TenantId tenant, String actor, String origin) {
        return Map.of(MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, actor, MetadataKeys.ORIGIN, origin);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
