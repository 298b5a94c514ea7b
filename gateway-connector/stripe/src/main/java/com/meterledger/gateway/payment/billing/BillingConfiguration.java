package com.meterledger.gateway.payment.billing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.meterledger.gateway.payment.StripeGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The platform's subscription billing: its store, service and webhook handling, and its two persistent db-scheduler
 * tasks (run by one node at a time, surviving restarts like the supply deadlines): the grace check and the daily
 * active-meter report.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
public class BillingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BillingConfiguration.class);

    @Bean
    Subscriptions subscriptions(JdbcClient jdbc) {
        return new Subscriptions(jdbc);
    }

    @Bean
    SubscriptionBilling subscriptionBilling(StripeGateway stripe, Subscriptions subscriptions,
                                            BillingProperties properties, CommandGateway commands,
                                            QueryGateway queries) {
        return new SubscriptionBilling(stripe, subscriptions, properties, commands, queries, Clock.systemUTC());
    }

    @Bean
    ClosedTenantBilling closedTenantBilling(SubscriptionBilling billing) {
        return new ClosedTenantBilling(billing);
    }

    @Bean
    SubscriptionWebhooks subscriptionWebhooks(Subscriptions subscriptions, SubscriptionBilling billing) {
        return new SubscriptionWebhooks(subscriptions, billing);
    }

    /** The grace period's end is a stored deadline; this check finds those that passed, every grace-check. */
    @Bean
    RecurringTask<Void> billingGraceCheck(SubscriptionBilling billing, BillingProperties properties) {
        return Tasks.recurring("billing-grace-check", Schedules.fixedDelay(properties.graceCheck()))
                .execute((instance, context) -> {
                    var suspended = billing.suspendOverdue(Instant.now());
                    if (!suspended.isEmpty()) {
                        log.info("grace period ended: suspended {}", suspended);
                    }
                });
    }

    @Bean
    RecurringTask<Void> dailyActiveMeterReport(SubscriptionBilling billing, BillingProperties properties) {
        return Tasks.recurring("billing-active-meters", Schedules.daily(ZoneOffset.UTC, properties.reportAt()))
                .execute((instance, context) -> log.info("active meters of {} reported for {} tenants",
                        billing.yesterday(), billing.reportActiveMeters(billing.yesterday())));
    }
}
