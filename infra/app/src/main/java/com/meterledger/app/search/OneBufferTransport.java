package com.meterledger.app.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.Transport;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientHttpClient;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Elasticsearch client's REST transport, sending each request body as one buffer. The client hands a bulk
 * request's body over as two buffers per line (the line and its newline) and its HTTP layer writes each as a chunk of
 * its own: about 400 writes for a bulk of 100 documents, which cost the application's I/O thread about a tenth of a
 * millisecond per reading at gateway load (JFR) and the search node the decoding of as many chunks. Joining them first
 * makes one copy of a few tens of kilobytes instead.
 */
final class OneBufferTransport extends ElasticsearchTransportBase {
    private final Rest5Client client;

    OneBufferTransport(Rest5Client client, JsonpMapper mapper, TransportOptions options) {
        super(new OneBufferBodies(new Rest5ClientHttpClient(client)), options, mapper, null);
        this.client = client;
    }

    @Override
    public Transport withOptions(TransportOptions options) {
        return new OneBufferTransport(client, mapper, options);
    }

    /** A body of several buffers as one, in their order; a body of none or one as it is. */
    static TransportHttpClient.Request oneBuffer(TransportHttpClient.Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null || body instanceof List<ByteBuffer> list && list.size() < 2) {
            return request;
        }
        int size = 0;
        for (ByteBuffer part : body) {
            size = Math.addExact(size, part.remaining());
        }
        ByteBuffer joined = ByteBuffer.allocate(size);
        for (ByteBuffer part : body) {
            joined.put(part.duplicate());
        }
        return new TransportHttpClient.Request(request.method(), request.path(), request.queryParams(),
                request.headers(), List.of(joined.flip()));
    }

    private record OneBufferBodies(TransportHttpClient delegate) implements TransportHttpClient {

        @Override
        public TransportOptions createOptions(TransportOptions options) {
            return delegate.createOptions(options);
        }

        @Override
        public Integer responseStatusCode(Throwable exception) {
            return delegate.responseStatusCode(exception);
        }

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
                throws IOException {
            return delegate.performRequest(endpointId, node, oneBuffer(request), options);
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(String endpointId, Node node, Request request,
                                                               TransportOptions options) {
            return delegate.performRequestAsync(endpointId, node, oneBuffer(request), options);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
