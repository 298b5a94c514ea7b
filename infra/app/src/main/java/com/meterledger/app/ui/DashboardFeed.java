package com.meterledger.app.ui;

import com.meterledger.api.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Live property numbers for open dashboards: each subscription looks at the property's projection rows every
 * {@link #PERIOD} and passes the overview on only when a number changed, so an idle dashboard sends nothing.
 */
@Component
public class DashboardFeed implements DisposableBean {
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
    private final PropertyOverview overviews;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("ui-dashboard-feed").daemon().factory());

    public DashboardFeed(PropertyOverview overviews) {
        this.overviews = overviews;
    }

    public AutoCloseable subscribe(TenantId tenant, String propertyId, Consumer<PropertyOverview.Overview> listener) {
        AtomicReference<PropertyOverview.Overview> last = new AtomicReference<>();
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                PropertyOverview.Overview now = overviews.of(tenant, propertyId);
                if (!Objects.equals(now, last.getAndSet(now))) {
                    listener.accept(now);
                }
            } catch (RuntimeException e) {
                log.warn("dashboard update for {} failed: {}", propertyId, e.toString());
            }
        }, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
