package com.meterledger.gateway.meter.http;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.gateway.meter.GatewayProperties;
import com.meterledger.gateway.meter.registry.GatewayIdentity;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.gateway.meter.uplink.UplinkKind;
import com.meterledger.gateway.meter.uplink.UplinkProcessor;
import com.meterledger.gateway.meter.uplink.UplinkResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP uplink for gateways that cannot speak MQTT: the same versioned payloads as the MQTT topics, authenticated as
 * the gateway with HTTP Basic ({@code <tenant>/<gateway>} and the gateway's secret; no OAuth token). The answer is the
 * same result document the MQTT gateways get on their results topic: 200 when processed (per-item statuses inside),
 * 400/413 when the whole message was rejected. Downlink for these gateways: poll {@code GET /gateway/v1/commands} and
 * acknowledge with {@code POST /gateway/v1/acks}.
 */
@RestController
@RequestMapping("/gateway/v1")
@Tag(name = "Gateway uplink (HTTP)", description = "For meter gateways: readings, heartbeats and command acknowledgements")
// Not a bearer-token API: every handler authenticates the gateway itself (HTTP Basic against the registry) first.
@PreAuthorize("permitAll()")
public class HttpUplinkController {
    private final UplinkProcessor processor;
    private final GatewayRegistry registry;
    private final GatewayProperties properties;

    public HttpUplinkController(UplinkProcessor processor, GatewayRegistry registry, GatewayProperties properties) {
        this.processor = processor;
        this.registry = registry;
        this.properties = properties;
    }

    @PostMapping("/readings")
    @Operation(summary = "A batch of readings (payload version 1, as on ml/v1/<tenant>/<gateway>/up/readings)")
    public ResponseEntity<?> readings(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                      @RequestBody(required = false) byte[] body) {
        return handle(authorization, UplinkKind.READINGS, body);
    }

    @PostMapping("/heartbeat")
    @Operation(summary = "A heartbeat: the gateway is alive")
    public ResponseEntity<?> heartbeat(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                       @RequestBody(required = false) byte[] body) {
        return handle(authorization, UplinkKind.HEARTBEAT, body);
    }

    @PostMapping("/acks")
    @Operation(summary = "Acknowledgements of control commands")
    public ResponseEntity<?> acks(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestBody(required = false) byte[] body) {
        return handle(authorization, UplinkKind.ACKS, body);
    }

    @GetMapping("/commands")
    @Operation(summary = "Control commands sent to this gateway and not acknowledged yet; a poll shows the gateway "
            + "is online, as a heartbeat does")
    public ResponseEntity<?> commands(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Optional<GatewayIdentity> gateway = authenticate(authorization);
        if (gateway.isEmpty()) {
            return unauthorized();
        }
        processor.polled(gateway.get(), UplinkProcessor.ORIGIN_HTTP);
        List<GatewayRegistry.PendingCommand> pending = registry.pendingCommands(gateway.get(),
                properties.commandMaxAge().plus(Duration.ofMinutes(5)));
        return ResponseEntity.ok(Map.of("v", 1, "commands", pending.stream().map(command -> Map.of(
                "commandId", command.commandId(), "meter", command.address(), "meterId", command.meterId(),
                "action", command.action(), "attempt", command.attempt(), "issuedAt", command.issuedAt())).toList()));
    }

    private ResponseEntity<?> handle(String authorization, UplinkKind kind, byte[] body) {
        Optional<GatewayIdentity> gateway = authenticate(authorization);
        if (gateway.isEmpty()) {
            return unauthorized();
        }
        UplinkResult result = processor.handle(gateway.get(), kind, body == null ? new byte[0] : body,
                UplinkProcessor.ORIGIN_HTTP);
        if (!result.messageRejected()) {
            return ResponseEntity.ok(result);
        }
        HttpStatus status = "TOO_LARGE".equals(result.reason()) ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(result);
    }

    private Optional<GatewayIdentity> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        byte[] secret = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        return GatewayIdentity.parseUsername(decoded.substring(0, colon))
                .filter(gateway -> registry.authenticate(gateway, secret));
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "gateway credentials required: HTTP Basic with <tenant>/<gateway> and the gateway's secret");
        problem.setTitle("Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"meterledger-gateways\"").body(problem);
    }
}
