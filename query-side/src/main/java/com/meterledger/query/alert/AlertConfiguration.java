package com.meterledger.query.alert;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;

/** The alert evaluator and its schedule ({@code meterledger.alerts.evaluate-interval}; zero: no schedule). */
@Configuration(proxyBeanMethods = false)
public class AlertConfiguration {
    @Bean
    AlertNotifier alertNotifier(CommandGateway commands) {
        return new AlertNotifier(commands);
    }

    @Bean
    AlertEvaluator alertEvaluator(JdbcClient jdbc, AlertStore alerts, QueryGateway queries,
                                  PlatformTransactionManager transactions, AlertNotifier notifier) {
        return new AlertEvaluator(jdbc, alerts, queries, transactions, notifier);
    }

    @Bean
    AlertSchedule alertSchedule(AlertEvaluator evaluator,
                                @Value("${meterledger.alerts.evaluate-interval:5m}") Duration interval) {
        return new AlertSchedule(evaluator, interval);
    }
}
