package com.meterledger.query.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.meterledger.api.shared.TenantId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchAccessTest {

    @Test
    void anUnreachableClusterIsSearchUnavailableNotAnInternalError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Rest5Client client = Rest5Client.builder(URI.create("http://127.0.0.1:" + closedPort)).build()) {
            SearchAccess search = new SearchAccess(new Rest5ClientTransport(client, new JacksonJsonpMapper()),
                    "meterledger", 0, "1s");

            assertThatThrownBy(() -> search.count(new TenantId("tenant-a"), SearchIndex.AUDIT,
                    Query.of(q -> q.matchAll(m -> m)))).isInstanceOf(SearchUnavailable.class);
        }
    }
}
