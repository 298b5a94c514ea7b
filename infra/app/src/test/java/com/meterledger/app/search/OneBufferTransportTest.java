package com.meterledger.app.search;

import co.elastic.clients.transport.http.TransportHttpClient;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OneBufferTransportTest {

    @Test
    void aBodyOfManyBuffersIsSentAsOneWithTheSameBytesInOrder() {
        List<ByteBuffer> lines = List.of(text("{\"index\":{\"_id\":\"t:1\"}}"), text("\n"), text("{\"a\":1}"),
                text("\n"));
        TransportHttpClient.Request bulk = request(lines);

        TransportHttpClient.Request sent = OneBufferTransport.oneBuffer(bulk);

        assertThat(sent.body()).hasSize(1);
        ByteBuffer only = sent.body().iterator().next();
        assertThat(StandardCharsets.UTF_8.decode(only).toString()).isEqualTo("{\"index\":{\"_id\":\"t:1\"}}\n{\"a\":1}\n");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/_bulk");
        assertThat(sent.headers()).isEqualTo(bulk.headers());
        assertThat(sent.queryParams()).isEqualTo(bulk.queryParams());
    }

    @Test
    void theOriginalBuffersAreLeftAsTheyWereSoThatARetryCanSendThemAgain() {
        List<ByteBuffer> lines = List.of(text("{\"a\":1}"), text("\n"));

        OneBufferTransport.oneBuffer(request(lines));

        assertThat(lines).allMatch(ByteBuffer::hasRemaining);
        assertThat(OneBufferTransport.oneBuffer(request(lines)).body().iterator().next().remaining()).isEqualTo(8);
    }

    @Test
    void aRequestWithoutABodyOrWithOneBufferIsSentAsItIs() {
        TransportHttpClient.Request none = request(null);
        TransportHttpClient.Request one = request(List.of(text("{}")));

        assertThat(OneBufferTransport.oneBuffer(none)).isSameAs(none);
        assertThat(OneBufferTransport.oneBuffer(one)).isSameAs(one);
    }

    private static TransportHttpClient.Request request(List<ByteBuffer> body) {
        return new TransportHttpClient.Request("POST", "/_bulk", Map.of("refresh", "false"),
                Map.of("Content-Type", "application/x-ndjson"), body);
    }

    private static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
