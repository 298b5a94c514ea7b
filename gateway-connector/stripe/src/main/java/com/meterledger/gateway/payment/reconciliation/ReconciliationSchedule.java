package com.meterledger.gateway.payment.reconciliation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The daily Stripe reconciliation of each tenant's day before (on the tenant's clock), as a db-scheduler recurring
 * task: persistent like the supply deadlines, run by exactly one node ({@code meterledger.stripe.reconciliation-at},
 * default 04:00 UTC). At 04:00 UTC the day before has ended in every zone from UTC-12 to UTC+14: 16:00 of that day at
 * the earliest, 18:00 of today at the latest.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationSchedule {

    @Bean
    RecurringTask<Void> dailyStripeReconciliation(StripeReconciliation reconciliation,
                                                  @Value("${meterledger.stripe.reconciliation-at:04:00}") LocalTime at) {
        return Tasks.recurring("stripe-reconciliation", Schedules.daily(ZoneOffset.UTC, at))
                .execute((instance, context) -> reconciliation.runAll());
    }
}
