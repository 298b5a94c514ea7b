package com.meterledger.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets the embedded issuer's authorizations whose codes and tokens have all expired a day ago. Spring
 * Authorization Server stores one {@code oauth2_authorization} row per grant (every client-credentials token too,
 * the token's value included) and never deletes one: a script asking for a token a minute would add 1,440 rows a
 * day. Runs hourly on every node; deleting the same expired rows twice is harmless.
 */
public class IssuerHousekeeping implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IssuerHousekeeping.class);
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final Duration EVERY = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public IssuerHousekeeping(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return how many authorizations were forgotten */
    public int forgetExpired() {
        return jdbc.update("""
                        delete from oauth2_authorization
                        where greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                                       oidc_id_token_expires_at, user_code_expires_at, device_code_expires_at) < ?""",
                Timestamp.from(clock.instant().minus(KEPT_AFTER_EXPIRY)));
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "issuer-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                int forgotten = forgetExpired();
                if (forgotten > 0) {
                    log.info("forgot {} expired issuer authorizations", forgotten);
                }
            } catch (RuntimeException e) {
                log.warn("issuer housekeeping failed: {}", e.toString());
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
