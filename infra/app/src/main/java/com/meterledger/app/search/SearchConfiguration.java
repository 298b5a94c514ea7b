package com.meterledger.app.search;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.embedded.EmbeddedSearchNode;
import com.meterledger.query.consumption.ConsumptionProjection;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.trail.AuditTrailProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.message.BasicHeader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Elasticsearch: locally a dev node in its own JVM (see {@link EmbeddedSearchNode}); in production the cluster that
 * {@code meterledger.search.uris} names, with an API key or a user and password. Everything else reaches it through
 * {@link SearchAccess}.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "meterledger.search.embedded", havingValue = "true")
    EmbeddedSearchNode embeddedSearchNode(@Value("${meterledger.home}") Path home,
                                          @Value("${meterledger.reset:false}") boolean reset) {
        return EmbeddedSearchNode.start(home.resolve("search"), reset);
    }

    @Bean(destroyMethod = "close")
    Rest5Client searchRestClient(ObjectProvider<EmbeddedSearchNode> embedded,
                                 @Value("${meterledger.search.uris:}") List<URI> uris,
                                 @Value("${meterledger.search.api-key:}") String apiKey,
                                 @Value("${meterledger.search.username:}") String username,
                                 @Value("${meterledger.search.password:}") String password) {
        EmbeddedSearchNode node = embedded.getIfAvailable();
        List<URI> targets = node != null ? List.of(URI.create(node.uri())) : uris;
        if (targets.isEmpty()) {
            throw new IllegalStateException("No Elasticsearch: set meterledger.search.uris (METERLEDGER_SEARCH_URIS) "
                    + "or meterledger.search.embedded=true for the local dev node");
        }
        Rest5ClientBuilder builder = Rest5Client.builder(targets);
        if (!apiKey.isBlank()) {
            builder.setDefaultHeaders(new Header[]{new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + apiKey)});
        } else if (!username.isBlank()) {
            String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[]{new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + basic)});
        }
        return builder.build();
    }

    @Bean
    ElasticsearchTransport searchTransport(Rest5Client client, ObjectMapper json) {
        return new OneBufferTransport(client, new JacksonJsonpMapper(json.copy()), null);
    }

    /**
     * A search projection that cannot write (cluster unreachable, a charge ahead of its meter) must not skip the
     * event, as Axon's default logging handler would: propagating makes the processor retry the batch with back-off.
     */
    @Bean
    ConfigurerModule searchProjectionsRetryFailedEvents() {
        return configurer -> configurer.eventProcessing(processing -> List.of(ConsumptionProjection.PROCESSING_GROUP,
                        AuditTrailProjection.PROCESSING_GROUP)
                .forEach(group -> processing.registerListenerInvocationErrorHandler(group,
                        config -> PropagatingErrorHandler.instance())));
    }

    /** {@code /actuator/health} component "elasticsearch": green UP, yellow UP with the status, red or silent DOWN. */
    @Bean
    HealthIndicator elasticsearchHealthIndicator(SearchAccess search) {
        return () -> {
            try {
                SearchAccess.ClusterHealth health = search.clusterHealth();
                Health.Builder builder = "red".equals(health.status()) ? Health.down() : Health.up();
                return builder.withDetail("cluster", health.clusterName()).withDetail("status", health.status())
                        .withDetail("nodes", health.nodes()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
