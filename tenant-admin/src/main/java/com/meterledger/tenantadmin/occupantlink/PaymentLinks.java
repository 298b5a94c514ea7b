package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindUnitOfAccount;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.VerifyPaymentLink;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.tenancy.TenantContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Payment links: an occupant reaches exactly one account, without a login, through a token that is
 * <ul>
 *   <li>signed (HS256 with a server secret, its own key and type, so it is never accepted as an API bearer token and
 *   an API token is never accepted as a link);</li>
 *   <li>expiring ({@code exp}, checked with no leeway);</li>
 *   <li>scoped to one account of one tenant ({@code sub}, {@code tenant_id});</li>
 *   <li>revocable: its id ({@code jti}) must name a stored link that is not revoked and not expired; revoking it
 *   also ends the phones remembered through it ({@link RememberedDevices}).</li>
 * </ul>
 * The occupant's doors ask through {@link VerifyPaymentLink}; whether the account exists is asked through
 * {@link FindUnitOfAccount}, never from the account tables.
 */
@Service
public class PaymentLinks {
    static final String TYPE = "payment-link+jwt";
    static final String AUDIENCE = "meterledger-payment-link";

    private final JdbcClient jdbc;
    private final QueryGateway queries;
    private final PaymentLinkProperties properties;
    private final TransactionTemplate transactions;
    private final byte[] key;
    private final Clock clock;
    private final RememberedDevices devices;

    public PaymentLinks(JdbcClient jdbc, QueryGateway queries, PaymentLinkProperties properties,
                        PlatformTransactionManager transactionManager, RememberedDevices devices) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.queries = queries;
        this.properties = properties;
        // its own transaction, begun once the token's tenant is bound: a query handler's surrounding one has none
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transactions.setReadOnly(true);
        this.key = properties.secret().getBytes(StandardCharsets.UTF_8);
        this.clock = Clock.systemUTC();
    }

    public record Issued(String linkId, String accountId, String token, String url, Instant expiresAt) {
    }

    @Transactional
    public Issued issue(TenantId tenant, String accountId, String actor) {
        queries.query(new FindUnitOfAccount(tenant, new AccountId(accountId)),
                        ResponseTypes.optionalInstanceOf(UnitId.class)).join()
                .orElseThrow(() -> new NotFound("account", accountId));
        String linkId = "pl-" + UUID.randomUUID();
        Instant expires = clock.instant().plus(properties.timeToLive()).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                        insert into payment_link (link_id, tenant_id, account_id, created_by, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(linkId, tenant.value(), accountId, actor, Timestamp.from(expires)).update();
        return issued(linkId, tenant, accountId, expires);
    }

    /**
     * A live link again, to hand to the occupant once more: the token is never stored, so a fresh one is signed for
     * the same link (same id, account and expiry; revoking the link kills both).
     */
    @Transactional(readOnly = true)
    public Issued reissue(TenantId tenant, String linkId) {
        record Row(String accountId, Instant expiresAt, boolean revoked) {
        }
        Row row = jdbc.sql("select account_id, expires_at, revoked_at is not null from payment_link "
                        + "where tenant_id = ? and link_id = ?")
                .params(tenant.value(), linkId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)))
                .optional().orElseThrow(() -> new NotFound("payment link", linkId));
        if (row.revoked() || !row.expiresAt().isAfter(clock.instant())) {
            throw new RuleViolation("payment-link-not-live", "payment link " + linkId + " is revoked or expired");
        }
        return issued(linkId, tenant, row.accountId(), row.expiresAt());
    }

    private Issued issued(String linkId, TenantId tenant, String accountId, Instant expires) {
        String token = sign(linkId, tenant.value(), accountId, expires);
        String url = properties.baseUrl() + "/pay/" + accountId + "?token=" + token;
        return new Issued(linkId, accountId, token, url, expires);
    }

    @Transactional
    public void revoke(TenantId tenant, String linkId, String actor) {
        int revoked = jdbc.sql("""
                        update payment_link set revoked_at = now(), revoked_by = ?
                        where tenant_id = ? and link_id = ? and revoked_at is null""")
                .params(actor, tenant.value(), linkId).update();
        if (revoked == 0) {
            throw new NotFound("payment link", linkId);
        }
        // what the link gave, the phones remembered through it lose with it
        devices.endForLink(tenant, linkId, actor);
    }

    @QueryHandler
    public Optional<PaymentLinkGrant> handle(VerifyPaymentLink query) {
        return verify(query.token());
    }

    /** The grant of a token whose signature, type, audience and expiry hold and whose stored link is live. */
    public Optional<PaymentLinkGrant> verify(String token) {
        Optional<PaymentLinkGrant> claimed = parse(token);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        PaymentLinkGrant grant = claimed.get();
        Boolean live = TenantContext.callAs(grant.tenant(), () -> transactions.execute(status -> jdbc.sql("""
                        select count(*) from payment_link
                        where tenant_id = ? and link_id = ? and account_id = ? and revoked_at is null and expires_at > ?""")
                .params(grant.tenant().value(), grant.linkId(), grant.accountId().value(), Timestamp.from(clock.instant()))
                .query(Long.class).single() == 1));
        return Boolean.TRUE.equals(live) ? claimed : Optional.empty();
    }

    String sign(String linkId, String tenant, String accountId, Instant expires) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .jwtID(linkId)
                    .subject(accountId)
                    .claim("tenant_id", tenant)
                    .audience(AUDIENCE)
                    .issueTime(Date.from(clock.instant()))
                    .expirationTime(Date.from(expires))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .type(new JOSEObjectType(TYPE)).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("payment link could not be signed", e);
        }
    }

    private Optional<PaymentLinkGrant> parse(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getHeader().getType() == null || !TYPE.equals(jwt.getHeader().getType().getType())
                    || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            List<String> audience = claims.getAudience();
            String tenant = claims.getStringClaim("tenant_id");
            if (expires == null || !expires.toInstant().isAfter(clock.instant()) || audience == null
                    || !audience.contains(AUDIENCE) || tenant == null || claims.getSubject() == null
                    || claims.getJWTID() == null) {
                return Optional.empty();
            }
            return Optional.of(new PaymentLinkGrant(claims.getJWTID(), new TenantId(tenant),
                    new AccountId(claims.getSubject())));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
