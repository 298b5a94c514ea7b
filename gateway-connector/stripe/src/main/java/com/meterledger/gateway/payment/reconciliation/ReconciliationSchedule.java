package com.meterledger.gateway.payment.reconciliation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The daily Stripe reconciliation of the day before (UTC), as a db-scheduler recurring task: persistent like the
 * supply deadlines, run by exactly one node ({@code meterledger.stripe.reconciliation-at}, default 04:00 UTC).
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationSchedule {

    @Bean
    RecurringTask<Void> dailyStripeReconciliation(StripeReconciliation reconciliation,
                                                  @Value("${meterledger.stripe.reconciliation-at:04:00}") LocalTime at) {
        return Tasks.recurring("stripe-reconciliation", Schedules.daily(ZoneOffset.UTC, at))
                .execute((instance, context) -> reconciliation.runAll(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
    }
}
