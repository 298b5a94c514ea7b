package com.meterledger.query.dashboard;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.report.PeriodReports;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * Live dashboards through an Axon subscription query: the current dashboard first, then a fresh one whenever
 * dashboard-projection reports a change of the property, at most one per {@link DashboardSettings#pushInterval()}
 * (a burst of events gives one update with the latest figures). Only changes of the subscriber's own tenant and
 * property reach it: the projection's emitter filters on both.
 */
@Component
public class DashboardUpdates {
    private static final Logger log = LoggerFactory.getLogger(DashboardUpdates.class);

    private final QueryGateway queries;
    private final DashboardQueries dashboards;
    private final PeriodReports reports;
    private final DashboardSettings settings;

    public DashboardUpdates(QueryGateway queries, DashboardQueries dashboards, PeriodReports reports,
                            DashboardSettings settings) {
        this.queries = queries;
        this.dashboards = dashboards;
        this.reports = reports;
        this.settings = settings;
    }

    /**
     * Calls {@code sink} with the dashboard now (on the calling thread) and then with every update (on another
     * thread) until the returned handle is closed. {@link com.meterledger.api.error.NotFound} before anything is
     * subscribed when the property is not the tenant's.
     */
    public AutoCloseable subscribe(TenantId tenant, PropertyId property, Consumer<PropertyDashboard> sink) {
        reports.requireProperty(tenant, property.value());
        SubscriptionQueryResult<PropertyDashboard, DashboardChanged> result = queries.subscriptionQuery(
                new PropertyDashboardQuery(tenant, property), ResponseTypes.instanceOf(PropertyDashboard.class),
                ResponseTypes.instanceOf(DashboardChanged.class));
        try {
            sink.accept(result.initialResult().block());
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return SampledPushes.follow(result, settings.pushInterval(), () -> push(tenant, property, sink),
                "the dashboard of " + property);
    }

    private void push(TenantId tenant, PropertyId property, Consumer<PropertyDashboard> sink) {
        try {
            sink.accept(dashboards.dashboard(tenant, property));
        } catch (RuntimeException e) {
            log.warn("dashboard update of {} not delivered: {}", property, e.toString());
        }
    }

    @QueryHandler
    PropertyDashboard handle(PropertyDashboardQuery query) {
        return dashboards.dashboard(query.tenant(), query.property());
    }
}
