package com.meterledger.query.support;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.embedded.TestSearchNode;
import com.meterledger.query.search.SearchAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/**
 * For the search projections' tests, beside {@link ProjectionDatabase} (whose transaction manager the batches use):
 * the test JVM's one real Elasticsearch node ({@link TestSearchNode}, its own JVM) and the {@link SearchAccess} the
 * projections write through, on indices of their own ({@code query-side-test-*}), refreshed every second. Tests share
 * the node, so each uses a tenant of its own.
 */
@Configuration(proxyBeanMethods = false)
public class SearchNode {

    @Bean(destroyMethod = "close")
    Rest5Client searchClient() {
        return Rest5Client.builder(URI.create(TestSearchNode.uri())).build();
    }

    @Bean
    SearchAccess searchAccess(Rest5Client client, ObjectMapper json) {
        return new SearchAccess(new Rest5ClientTransport(client, new JacksonJsonpMapper(json.copy())),
                "query-side-test", 0, "1s");
    }
}
