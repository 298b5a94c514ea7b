package com.meterledger.gateway.payment;

import com.meterledger.api.tenant.FindTenantSettings;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.gateway.payment.reconciliation.ReconciliationStore;
import com.meterledger.gateway.payment.reconciliation.StripeReconciliation;
import com.meterledger.gateway.payment.billing.SubscriptionWebhooks;
import com.meterledger.gateway.payment.inbox.StripeInboxProperties;
import com.meterledger.gateway.payment.inbox.StripeWebhookInbox;
import com.meterledger.gateway.payment.inbox.StripeWebhookWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The Stripe payment side: the port's adapter, our checkout records, Connect and the application fee, reconciliation,
 * the webhook's processing and security chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StripeProperties.class, ConnectProperties.class, StripeInboxProperties.class})
public class PaymentConfiguration {

    @Bean
    @ConditionalOnMissingBean(StripeGateway.class)
    StripeGateway stripeGateway(StripeProperties properties) {
        return new StripeClientGateway(properties);
    }

    @Bean
    PaymentRecords paymentRecords(JdbcClient jdbc) {
        return new PaymentRecords(jdbc);
    }

    @Bean
    ProcessedStripeEvents processedStripeEvents(JdbcClient jdbc) {
        return new ProcessedStripeEvents(jdbc);
    }

    @Bean
    ConnectedAccounts connectedAccounts(JdbcClient jdbc) {
        return new ConnectedAccounts(jdbc);
    }

    @Bean
    PaymentSettings paymentSettings(JdbcClient jdbc) {
        return new PaymentSettings(jdbc);
    }

    @Bean
    StripeConnect stripeConnect(StripeGateway stripe, ConnectedAccounts accounts, ConnectProperties properties) {
        return new StripeConnect(stripe, accounts, properties);
    }

    /** A bean of its own: its transactions bind the tenant (row-level security). */
    @Bean
    ReconciliationStore reconciliationStore(JdbcClient jdbc) {
        return new ReconciliationStore(jdbc);
    }

    /**
     * Days are the tenant's: its time-zone setting (owned by tenant-admin, asked through the published
     * {@link FindTenantSettings}), UTC for a tenant that has none (a configured test or demo tenant).
     */
    @Bean
    StripeReconciliation stripeReconciliation(StripeGateway stripe, ConnectedAccounts accounts, ReconciliationStore store,
                                              QueryGateway queries) {
        return new StripeReconciliation(stripe, accounts, store, Clock.systemUTC(),
                tenant -> queries.query(new FindTenantSettings(tenant),
                                ResponseTypes.optionalInstanceOf(TenantSettings.class)).join()
                        .map(TenantSettings::zone).orElse(ZoneOffset.UTC));
    }

    @Bean
    CheckoutService checkoutService(CommandGateway commands, QueryGateway queries, StripeGateway stripe,
                                    PaymentRecords records, StripeConnect connect, PaymentSettings settings) {
        return new CheckoutService(commands, queries, stripe, records, connect, settings);
    }

    @Bean
    StripeWebhookProcessor stripeWebhookProcessor(CommandGateway commands, PaymentRecords records,
                                                  ProcessedStripeEvents processed, ConnectedAccounts accounts,
                                                  SubscriptionWebhooks subscriptions, StripeGateway stripe) {
        return new StripeWebhookProcessor(commands, records, processed, accounts, subscriptions, stripe);
    }

    @Bean
    StripeWebhookInbox stripeWebhookInbox(JdbcClient jdbc) {
        return new StripeWebhookInbox(jdbc);
    }

    @Bean
    StripeWebhookWorker stripeWebhookWorker(StripeWebhookInbox inbox, StripeWebhookProcessor processor,
                                            StripeInboxProperties properties, MeterRegistry metrics) {
        return new StripeWebhookWorker(inbox, processor, properties, metrics);
    }

    /** Stripe authenticates by signature (checked in the controller): no bearer token, no session, no CSRF token. */
    @Bean
    @Order(10)
    SecurityFilterChain stripeWebhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(StripeWebhookController.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
