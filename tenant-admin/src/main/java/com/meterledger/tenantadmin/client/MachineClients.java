package com.meterledger.tenantadmin.client;

import com.meterledger.api.client.MachineClientId;
import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.client.MachineClientRules;
import com.meterledger.api.client.RegisterMachineClient;
import com.meterledger.api.client.RevokeMachineClient;
import com.meterledger.api.client.RotateMachineClientSecret;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * A tenant's machine clients as data: its administrators make API clients (integrations, scripts) and gateway
 * clients, replace their secrets and revoke them, without a restart. The secret is shown once and stored as a hash
 * in the issuer's client table; the roles a client may hold are judged by {@link ClientGrants}. Each change is a
 * command to the client's {@link MachineClient} history, so it is an event with its actor, never with the secret;
 * the rows and the event commit together or not at all. With an external issuer
 * ({@code meterledger.auth.embedded-issuer=false}) there is no client table of ours that issues tokens: clients are
 * registered at that issuer, so making or rotating one here is refused ({@link MachineClientRules#AT_EXTERNAL_ISSUER})
 * before anything is stored, while listing and revoking the ones made earlier still work.
 */
@Service
public class MachineClients {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    /** The embedded issuer's client table; null with an external issuer. */
    private final RegisteredClientRepository issuer;
    private final Duration tokenTimeToLive;
    private final Clock clock = Clock.systemUTC();

    public MachineClients(JdbcClient jdbc, CommandGateway commands, ObjectProvider<RegisteredClientRepository> issuer,
                          @Value("${meterledger.auth.token-time-to-live:30m}") Duration tokenTimeToLive) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.issuer = issuer.getIfAvailable();
        this.tokenTimeToLive = tokenTimeToLive;
    }

    /** What a new client asks for. */
    public record NewClient(String name, String kind, List<String> roles, List<String> properties) {
    }

    /** A client as its tenant's administrators see it: never its secret. */
    public record ClientView(String clientId, MachineClientKind kind, String name, List<String> roles,
                             List<String> properties, String createdBy, Instant createdAt, Instant secretRotatedAt,
                             Instant revokedAt) {
    }

    /** The one answer that holds the secret. */
    public record Issued(String clientId, String secret, ClientView client) {
    }

    @Transactional
    public Issued create(TenantId tenant, NewClient request, Collection<String> creatorRoles) {
        return create(tenant, request, creatorRoles,
                new MachineClientId("mc-" + HexFormat.of().formatHex(randomBytes(10))), IssuerClients.newSecret());
    }

    /**
     * The same client with an id and secret already published elsewhere: the local run's demo clients
     * ({@code demo-landlord}, secret {@code demo-landlord-secret}, ...), which the README's commands use, made by the
     * demo seeding at first start through the rules, event and rows of {@link #create(TenantId, NewClient, Collection)}.
     * Never offered at an HTTP door: a chosen secret is a guessable one.
     */
    @Transactional
    public Issued createKnown(TenantId tenant, NewClient request, Collection<String> creatorRoles, String clientId,
                              String secret) {
        return create(tenant, request, creatorRoles, new MachineClientId(clientId), secret);
    }

    private Issued create(TenantId tenant, NewClient request, Collection<String> creatorRoles,
                          MachineClientId clientId, String secret) {
        requireEmbeddedIssuer();
        String name = FreeText.require("name", request.name(), FreeText.NAME);
        if (name == null || name.isBlank()) {
            throw new FieldRejected("name", MachineClientRules.NAME_REQUIRED, "a client needs a name");
        }
        MachineClientKind kind = kindOf(request.kind());
        ClientGrants.Granted granted = switch (ClientGrants.judge(kind, request.roles(), request.properties(),
                creatorRoles)) {
            case ClientGrants.Refused refused -> throw new FieldRejected(refused.field(), refused.rule(),
                    refused.reason());
            case ClientGrants.Granted ok -> ok;
        };
        commands.sendAndWait(new RegisterMachineClient(clientId, tenant, kind, name.strip(), granted.roles(),
                granted.properties()));
        issuer.save(IssuerClients.clientCredentials(clientId.value(), name.strip(), IssuerClients.SECRETS.encode(secret),
                tenant.value(), granted.roles(), granted.properties(), kind.name(), tokenTimeToLive));
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into machine_client (tenant_id, client_id, kind, name, roles, properties, created_by,
                                                    created_at, secret_rotated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), clientId.value(), kind.name(), name.strip(),
                        granted.roles().toArray(String[]::new), granted.properties().toArray(String[]::new),
                        actor(), Timestamp.from(now), Timestamp.from(now))
                .update();
        return new Issued(clientId.value(), secret, find(tenant, clientId.value()).orElseThrow());
    }

    @Transactional(readOnly = true)
    public List<ClientView> list(TenantId tenant) {
        return jdbc.sql("select * from machine_client where tenant_id = ? order by created_at, client_id")
                .param(tenant.value()).query(MachineClients::view).list();
    }

    @Transactional(readOnly = true)
    public ClientView get(TenantId tenant, String clientId) {
        FreeText.require("clientId", clientId, FreeText.OUTSIDE_ID);
        return find(tenant, clientId).orElseThrow(() -> new NotFound("machine client", clientId));
    }

    /** A new secret, shown once; the old one stops at once (tokens it already obtained live until they expire). */
    @Transactional
    public Issued rotate(TenantId tenant, String clientId) {
        ClientView client = get(tenant, clientId);
        requireEmbeddedIssuer();
        if (client.revokedAt() != null) {
            throw new RuleViolation(MachineClientRules.REVOKED, "a revoked client gets no new secret");
        }
        commands.sendAndWait(new RotateMachineClientSecret(new MachineClientId(clientId)));
        String secret = IssuerClients.newSecret();
        issuer.save(IssuerClients.clientCredentials(clientId, client.name(), IssuerClients.SECRETS.encode(secret),
                tenant.value(), client.roles(), client.properties(), client.kind().name(), tokenTimeToLive));
        jdbc.sql("update machine_client set secret_rotated_at = ? where tenant_id = ? and client_id = ?")
                .params(Timestamp.from(clock.instant()), tenant.value(), clientId).update();
        return new Issued(clientId, secret, get(tenant, clientId));
    }

    /** Revoking twice changes nothing the second time. */
    @Transactional
    public ClientView revoke(TenantId tenant, String clientId) {
        ClientView client = get(tenant, clientId);
        if (client.revokedAt() != null) {
            return client;
        }
        commands.sendAndWait(new RevokeMachineClient(new MachineClientId(clientId)));
        jdbc.sql("delete from oauth2_registered_client where client_id = ?").param(clientId).update();
        jdbc.sql("update machine_client set revoked_at = ?, revoked_by = ? where tenant_id = ? and client_id = ?")
                .params(Timestamp.from(clock.instant()), actor(), tenant.value(), clientId).update();
        return get(tenant, clientId);
    }

    private void requireEmbeddedIssuer() {
        if (issuer == null) {
            throw new RuleViolation(MachineClientRules.AT_EXTERNAL_ISSUER,
                    "tokens come from an external issuer: register machine clients there");
        }
    }

    private Optional<ClientView> find(TenantId tenant, String clientId) {
        return jdbc.sql("select * from machine_client where tenant_id = ? and client_id = ?")
                .params(tenant.value(), clientId).query(MachineClients::view).optional();
    }

    private static MachineClientKind kindOf(String kind) {
        try {
            return MachineClientKind.valueOf(String.valueOf(kind).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldRejected("kind", MachineClientRules.KIND_UNKNOWN,
                    "must be one of " + Arrays.toString(MachineClientKind.values()));
        }
    }

    private static String actor() {
        return Caller.actor().map(Actor::id).orElse("system");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ClientView view(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ClientView(rs.getString("client_id"), MachineClientKind.valueOf(rs.getString("kind")),
                rs.getString("name"), strings(rs.getArray("roles")), strings(rs.getArray("properties")),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("secret_rotated_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
