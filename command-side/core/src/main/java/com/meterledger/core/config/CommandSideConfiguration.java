package com.meterledger.core.config;

import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.core.account.Account;
import com.meterledger.core.account.AccountStandingReader;
import com.meterledger.core.account.AdjustmentApprovals;
import com.meterledger.core.caching.BoundedAggregateCache;
import com.meterledger.core.meter.Meter;
import com.meterledger.core.metering.MeteringService;
import com.meterledger.core.settings.PaymentLimitsOf;
import com.meterledger.core.settings.TenantSettingsReader;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyControl;
import com.meterledger.core.supply.SupplyReconciler;
import com.meterledger.core.supply.SupplyTiming;
import com.meterledger.core.tariff.LastSequences;
import com.meterledger.core.tariff.Tariff;
import com.meterledger.core.tariff.TariffDryRun;
import com.meterledger.core.tariff.TariffReader;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /** Snapshots are taken off the command thread, so a reading never waits for one. */
    @Bean
    SpringAggregateSnapshotterFactoryBean aggregateSnapshotter() {
        SpringAggregateSnapshotterFactoryBean factory = new SpringAggregateSnapshotterFactoryBean();
        factory.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshotter");
            thread.setDaemon(true);
            return thread;
        }));
        return factory;
    }

    /** Meters live for years and report many times a day: replay at most this many events to load one. */
    @Bean
    SnapshotTriggerDefinition meterSnapshotTrigger(Snapshotter snapshotter,
                                                   @Value("${meterledger.snapshots.meter-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** Accounts gain an event per reading too: the same bound on replay as meters. */
    @Bean
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${meterledger.snapshots.account-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Loaded aggregates stay in memory, so a reading does not replay history. Safe with several nodes: a stale entry
     * loses on the (aggregate, sequence) constraint, is evicted on rollback, and the command gateway sends the command
     * again (infra/app: LostRaceRetries).
     */
    @Bean
    Cache aggregateCache(@Value("${meterledger.cache.aggregates:100000}") int maxEntries) {
        return new BoundedAggregateCache(maxEntries);
    }

    @Bean
    AdjustmentApprovals adjustmentApprovals(AdjustmentProperties properties, TenantSettingsReader settings) {
        return tenant -> settings.of(tenant).map(TenantSettings::adjustmentApprovalLimitMinor)
                .orElseGet(properties::approvalLimit);
    }

    @Bean
    TenantSettingsReader tenantSettingsReader(QueryGateway queryGateway,
                                              @Value("${meterledger.settings.remember-for:2s}") Duration rememberFor) {
        return new TenantSettingsReader(queryGateway, rememberFor, Clock.systemUTC());
    }

    /** A payment's limits: the tenant's own settings, else the platform's configured defaults. */
    @Bean
    PaymentLimitsOf paymentLimitsOf(PaymentProperties properties, TenantSettingsReader settings) {
        return tenant -> settings.of(tenant).map(TenantSettings::payments)
                .orElseGet(() -> new PaymentLimits(properties.minimumMinor(), properties.maximumMinor(),
                        properties.presetsMinor()));
    }

    /** The back-off after an abandoned command starts at one reconcile interval unless set on its own. */
    @Bean
    SupplyTiming supplyTiming(@Value("${meterledger.supply.acknowledge-timeout:30s}") Duration acknowledgeTimeout,
                              @Value("${meterledger.supply.max-attempts:3}") int maxAttempts,
                              @Value("${meterledger.supply.retry-back-off:${meterledger.supply.reconcile-interval:60s}}")
                              Duration retryBackOff,
                              @Value("${meterledger.supply.max-retry-back-off:6h}") Duration maxRetryBackOff) {
        return new SupplyTiming(acknowledgeTimeout, maxAttempts, retryBackOff, maxRetryBackOff);
    }

    @Bean
    SupplyCalendars supplyCalendars(SupplyCalendarProperties properties, TenantSettingsReader settings) {
        return tenant -> settings.of(tenant).map(own -> new FriendlyWindow(own.zone(),
                        own.friendlyHours().nightStart(), own.friendlyHours().nightEnd(), own.friendlyHours().weekends(),
                        Set.copyOf(own.friendlyHours().holidays())))
                .orElseGet(properties::platformWindow);
    }

    /** The account's standing for a meter's supply decision (a resource of the Meter's handlers). */
    @Bean
    AccountStandings accountStandings(Repository<Account> accountRepository, EventStore eventStore) {
        return new AccountStandingReader(accountRepository, eventStore);
    }

    @Bean
    SupplyReconciler supplyReconciler(QueryGateway queryGateway, CommandGateway commandGateway,
                                      @Value("${meterledger.supply.reconcile-page-size:500}") int pageSize) {
        return new SupplyReconciler(queryGateway, commandGateway, pageSize, Clock.systemUTC());
    }

    /** Every node reconciles; the meters keep two nodes from issuing a command twice. */
    @Bean
    SupplyReconciliationSchedule supplyReconciliationSchedule(SupplyReconciler supplyReconciler,
            @Value("${meterledger.supply.reconcile-interval:60s}") Duration interval) {
        return new SupplyReconciliationSchedule(supplyReconciler, interval);
    }

    @Bean
    SupplyControl supplyControl(CommandGateway commandGateway) {
        return new SupplyControl(commandGateway);
    }

    @Bean
    TariffReader tariffReader(EventStore eventStore, ObjectProvider<LastSequences> lastSequences) {
        return new TariffReader(eventStore, lastSequences.getIfAvailable(() -> LastSequences.oneByOne(eventStore)));
    }

    @Bean
    TariffDryRun tariffDryRun(TariffReader tariffReader, EventStore eventStore, QueryGateway queryGateway) {
        return new TariffDryRun(tariffReader, eventStore, queryGateway);
    }

    @Bean
    MeteringService meteringService(Repository<Meter> meterRepository, Repository<Account> accountRepository,
                                    Repository<Tariff> tariffRepository, TariffReader tariffReader,
                                    SupplyCalendars supplyCalendars, SupplyTiming supplyTiming,
                                    DeadlineManager deadlineManager, QueryGateway queryGateway) {
        return new MeteringService(meterRepository, accountRepository, tariffRepository, tariffReader, supplyCalendars,
                supplyTiming, deadlineManager, queryGateway);
    }

    @Bean
    com.meterledger.core.payment.PaymentService paymentService(CommandGateway commandGateway) {
        return new com.meterledger.core.payment.PaymentService(commandGateway);
    }
}
