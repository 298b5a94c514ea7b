package com.meterledger.app.security.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded issuer's keys as this node sees them: the JWK source behind the JWKS endpoint and the token decoder
 * (the current key and every retired key whose tokens may still be alive), and {@link #signing()} behind the token
 * encoder (the current key only, so the encoder never has two keys to choose from).
 *
 * <p>Keys are read from {@link SigningKeyStore} and cached for {@code refresh-interval}; a token naming a key id this
 * node has not seen reads them again at once (at most once a second, so a flood of made-up key ids costs one query a
 * second). A timer on every node checks every {@code check-interval} whether rotation is due; the store's advisory
 * lock lets one node rotate, and the others see the new key at their next read.
 */
public class SigningKeys implements JWKSource<SecurityContext>, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_ON_UNKNOWN_KID_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final SigningKeyStore store;
    private final SigningKeyProperties properties;
    private final Duration publishedAfterRetirement;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private ScheduledExecutorService timer;

    private record Snapshot(RSAKey current, JWKSet published, Instant readAt) {
    }

    public SigningKeys(SigningKeyStore store, SigningKeyProperties properties, Duration tokenTimeToLive, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.publishedAfterRetirement = KeyRotation.publishedAfterRetirement(tokenTimeToLive,
                properties.refreshInterval());
        this.clock = clock;
        store.rotateIfDue(clock.instant(), properties.rotationPeriod(), false)
                .ifPresent(kid -> log.info("issuer signing key {} created", kid));
        reload();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Snapshot keys = fresh();
        List<JWK> found = selector.select(keys.published());
        if (found.isEmpty() && selector.getMatcher().getKeyIDs() != null
                && keys.readAt().plus(RELOAD_ON_UNKNOWN_KID_AT_MOST_EVERY).isBefore(clock.instant())) {
            found = selector.select(reload().published());
        }
        return found;
    }

    /** The current key alone, private half included: what the token encoder signs with. */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(fresh().current()));
    }

    /** The key id new tokens are signed with. */
    public String currentKeyId() {
        return fresh().current().getKeyID();
    }

    /** Makes a new current key now (the old one stays published until its tokens have expired). */
    public String rotateNow() {
        String kid = store.rotateIfDue(clock.instant(), properties.rotationPeriod(), true).orElseThrow();
        log.info("issuer signing key {} created by request", kid);
        reload();
        return kid;
    }

    /** One pass of the timer: rotate when due, forget keys whose tokens have all expired, read the keys again. */
    public void check() {
        Instant now = clock.instant();
        store.rotateIfDue(now, properties.rotationPeriod(), false)
                .ifPresent(kid -> log.info("issuer signing key {} created: the previous one reached its rotation period",
                        kid));
        int forgotten = store.forgetRetiredBefore(now.minus(publishedAfterRetirement));
        if (forgotten > 0) {
            log.info("forgot {} retired issuer signing keys whose tokens have expired", forgotten);
        }
        reload();
    }

    private Snapshot fresh() {
        Snapshot keys = snapshot;
        if (keys.readAt().plus(properties.refreshInterval()).isBefore(clock.instant())) {
            return reload();
        }
        return keys;
    }

    private synchronized Snapshot reload() {
        Instant now = clock.instant();
        List<SigningKeyStore.StoredKey> stored = store.published(now.minus(publishedAfterRetirement));
        RSAKey current = stored.stream().filter(SigningKeyStore.StoredKey::current)
                .map(SigningKeyStore.StoredKey::key).findFirst().orElse(null);
        if (current == null) {
            // another node forgot more than it should, or someone deleted the row: make a key rather than sign nothing
            store.rotateIfDue(now, properties.rotationPeriod(), false);
            return reload();
        }
        Snapshot keys = new Snapshot(current,
                new JWKSet(stored.stream().map(key -> (JWK) key.key()).toList()), now);
        snapshot = keys;
        return keys;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signing-key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("signing key check failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
