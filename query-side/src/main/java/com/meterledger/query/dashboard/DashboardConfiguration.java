package com.meterledger.query.dashboard;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * dashboard-projection keeps sums (counts by state, consumption, money per period), which only stay right if every
 * event is added once and in order; so its pooled processor has one segment: no two nodes or threads add to the same
 * figure row concurrently (no lost updates or deadlocks between segments), and the token moves in the same
 * transaction as the figures.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardSettings.class)
public class DashboardConfiguration {

    @Bean
    TenantZones tenantZones(QueryGateway queries, DashboardSettings settings) {
        return TenantZones.asking(queries, settings.zone());
    }

    @Bean
    ConfigurerModule dashboardProjectionSingleSegment() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessor(
                DashboardProjection.PROCESSING_GROUP,
                config -> config.eventStore(),
                (config, builder) -> builder.initialSegmentCount(1)));
    }
}
