package com.meterledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A thin HTTP client for tests: every answer, error or not, comes back as status plus JSON body. */
public class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestClient client;

    public Api(String baseUrl, String token) {
        this.client = RestClient.builder().baseUrl(baseUrl)
                .defaultHeaders(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                }).build();
    }

    public record Response(int status, JsonNode body) {
        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        /**
         * The field as a number; a missing one fails as an assertion naming the answer, so that a wait for a
         * projection ({@code untilAsserted}) retries while the thing still answers 404 instead of stopping at once.
         */
        public long number(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                throw new AssertionError("no number '" + field + "' in the answer " + status + " " + body);
            }
            return node.asLong();
        }
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Response post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    public Response put(String path, String json) {
        return exchange(HttpMethod.PUT, path, json);
    }

    public Response delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    private Response exchange(HttpMethod method, String path, String json) {
        RestClient.RequestBodySpec request = client.method(method).uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Response(res.getStatusCode().value(), parse(bytes));
        });
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
