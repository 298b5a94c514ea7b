package com.meterledger.tenantadmin.webhook;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindWebhookSecret;
import com.meterledger.api.tenant.RecordWebhookSecretRotation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The tenant's webhook signing secret as data: its administrators replace it (the new secret is shown once), and the
 * notification adapter asks for it through {@link FindWebhookSecret} each time it signs. The replacement is an event
 * with its actor; the secret never is.
 */
@Service
public class WebhookSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    public WebhookSecrets(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public record Rotated(String secret, Instant rotatedAt) {
    }

    /** 256 random bits, prefixed so it is recognisable in a receiver's configuration; stored and recorded together. */
    @Transactional
    public Rotated rotate(TenantId tenant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_ml_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into tenant_webhook_secret (tenant_id, secret, rotated_at) values (?, ?, ?)
                        on conflict (tenant_id) do update set secret = excluded.secret, rotated_at = excluded.rotated_at""")
                .params(tenant.value(), secret, Timestamp.from(now)).update();
        commands.sendAndWait(new RecordWebhookSecretRotation(tenant));
        return new Rotated(secret, now);
    }

    /** In a transaction of its own, bound to the asked tenant (the adapter asks from an event processor's work). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<String> secret(FindWebhookSecret query) {
        return jdbc.sql("select secret from tenant_webhook_secret where tenant_id = ?")
                .param(query.tenantId().value()).query(String.class).optional();
    }
}
