package com.meterledger.gateway.meter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.gateway.meter.downlink.DownlinkCommands;
import com.meterledger.gateway.meter.mqtt.EmbeddedMqttBroker;
import com.meterledger.gateway.meter.mqtt.MqttConnector;
import com.meterledger.gateway.meter.mqtt.MqttProperties;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.gateway.meter.registry.GatewaySecrets;
import com.meterledger.gateway.meter.uplink.UplinkProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Meter gateways: the registry, the uplink (MQTT and HTTP), the downlink processor, and the MQTT side — the embedded
 * broker when {@code meterledger.mqtt.embedded-broker.enabled} (local run, tests), else a client of an external broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayProperties.class, MqttProperties.class})
public class GatewayConfiguration {

    @Bean
    GatewayRegistry gatewayRegistry(JdbcClient jdbc, PlatformTransactionManager transactions, GatewayProperties properties) {
        return new GatewayRegistry(jdbc, new TransactionTemplate(transactions), Clock.systemUTC(), properties.offlineAfter());
    }

    @Bean
    UplinkProcessor uplinkProcessor(org.axonframework.commandhandling.gateway.CommandGateway commands,
                                    GatewayRegistry registry, ObjectMapper json, GatewayProperties properties,
                                    ObjectProvider<MeterRegistry> metrics) {
        return new UplinkProcessor(commands, registry, json, properties, Clock.systemUTC(),
                metrics.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    DownlinkCommands downlinkCommands(GatewayRegistry registry, ObjectProvider<MqttConnector> mqtt,
                                      GatewayProperties properties, ObjectProvider<MeterRegistry> metrics) {
        return new DownlinkCommands(registry, mqtt, metrics.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The downlink runs in the unit of work that issues a command: see {@link DownlinkCommands}. */
    @Bean
    ConfigurerModule gatewayDownlinkProcessor() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(DownlinkCommands.PROCESSING_GROUP));
    }

    /** The HTTP uplink authenticates gateways itself (Basic, registry secrets): no OAuth token on these paths. */
    @Bean
    @Order(20)
    SecurityFilterChain gatewayUplinkSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/gateway/v1/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "meterledger.mqtt", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Mqtt {
        /** The application's MQTT password: configured, or (embedded broker only) made afresh at each start. */
        @Bean
        MqttAppCredentials mqttAppCredentials(MqttProperties properties) {
            String password = properties.password();
            if (password.isBlank()) {
                if (!properties.embeddedBroker().enabled()) {
                    throw new IllegalStateException("meterledger.mqtt.password is required for an external broker");
                }
                password = GatewaySecrets.newSecret();
            }
            return new MqttAppCredentials(properties.username(), password);
        }

        @Bean
        @ConditionalOnProperty(prefix = "meterledger.mqtt.embedded-broker", name = "enabled", havingValue = "true",
                matchIfMissing = true)
        EmbeddedMqttBroker embeddedMqttBroker(MqttProperties properties, GatewayRegistry registry,
                                              MqttAppCredentials credentials) {
            return new EmbeddedMqttBroker(properties.embeddedBroker(), registry, credentials.username(),
                    credentials.password());
        }

        @Bean
        MqttConnector mqttConnector(MqttProperties properties, ObjectProvider<EmbeddedMqttBroker> broker,
                                    MqttAppCredentials credentials, UplinkProcessor processor, ObjectMapper json) {
            return new MqttConnector(properties, () -> {
                EmbeddedMqttBroker embedded = broker.getIfAvailable();
                return embedded != null ? embedded.serverUri() : properties.url();
            }, credentials.password(), processor, json);
        }
    }

    record MqttAppCredentials(String username, String password) {
    }
}
