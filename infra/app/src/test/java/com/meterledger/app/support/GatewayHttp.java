package com.meterledger.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A meter gateway calling its own HTTP uplink as a device does: Basic credentials of its client, the tenant first. */
public record GatewayHttp(int port, String tenant, String gatewayId, String secret) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Api.Response call(String method, String path, String json) {
        String basic = Base64.getEncoder().encodeToString((tenant + "/" + gatewayId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).method(
                        HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, response) -> new Api.Response(response.getStatusCode().value(),
                JSON.readTree(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))));
    }
}
