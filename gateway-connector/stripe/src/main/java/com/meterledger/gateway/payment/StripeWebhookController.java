package com.meterledger.gateway.payment;

import com.meterledger.api.shared.FreeText;
import com.meterledger.gateway.payment.inbox.StripeWebhookInbox;
import com.meterledger.gateway.payment.inbox.StripeWebhookWorker;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stripe's webhook endpoint. The signature over the raw body (HMAC-SHA256 with the endpoint secret or the Connect
 * endpoint's secret, timestamp within the tolerance window, behind or ahead) is the authentication: a missing one is
 * 401, a forged, stale or future one 400, both logged as security events; nothing else is read before it verifies. A
 * verified event whose id or type is not {@link FreeText} is refused (400 naming the field) before it is stored. A
 * verified delivery is stored in the inbox and answered 200 at once (Stripe wants a quick answer); {@link StripeWebhookWorker} does the work, exactly once per event id.
 */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class StripeWebhookController {
    static final String PATH = "/webhooks/stripe";
    private static final Logger SECURITY = LoggerFactory.getLogger("meterledger.security");

    private final StripeWebhookInbox inbox;
    private final StripeWebhookWorker worker;
    private final StripeProperties properties;

    public StripeWebhookController(StripeWebhookInbox inbox, StripeWebhookWorker worker, StripeProperties properties) {
        this.inbox = inbox;
        this.worker = worker;
        this.properties = properties;
    }

    // permitAll: no bearer token exists for Stripe; the request authenticates by its Stripe-Signature (checked below)
    @PreAuthorize("permitAll()")
    @PostMapping(PATH)
    @Operation(summary = "Stripe events (signed): queued at once, each event id processed once")
    public ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
                                     @RequestHeader(name = "Stripe-Signature", required = false) String signature,
                                     HttpServletRequest request) {
        if (signature == null || signature.isBlank()) {
            securityEvent("stripe_webhook_unsigned", request, "no Stripe-Signature header");
            return problem(HttpStatus.UNAUTHORIZED, "Signature required", "a Stripe-Signature header is required");
        }
        List<String> secrets = Stream.of(properties.webhookSecret(), properties.connectWebhookSecret())
                .filter(secret -> !secret.isBlank()).toList();
        if (secrets.isEmpty()) {
            securityEvent("stripe_webhook_unconfigured", request, "no webhook secret configured: refusing all events");
            return problem(HttpStatus.BAD_REQUEST, "Invalid signature", "the signature could not be verified");
        }
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = verified(payload, signature, secrets);
            requireNotAhead(signature);
        } catch (SignatureVerificationException e) {
            securityEvent("stripe_webhook_signature_invalid", request, e.getMessage());
            return problem(HttpStatus.BAD_REQUEST, "Invalid signature", "the signature could not be verified");
        } catch (RuntimeException e) {
            securityEvent("stripe_webhook_malformed", request, e.getClass().getSimpleName());
            return problem(HttpStatus.BAD_REQUEST, "Malformed event", "the event could not be read");
        }
        if (event.getId() == null || event.getType() == null) {
            securityEvent("stripe_webhook_malformed", request, "no event id or type");
            return problem(HttpStatus.BAD_REQUEST, "Malformed event", "the event could not be read");
        }
        List<Map.Entry<String, String>> fields = List.of(Map.entry("id", event.getId()),
                Map.entry("type", event.getType()));
        for (Map.Entry<String, String> field : fields) {
            if (FreeText.judge(field.getValue(), FreeText.OUTSIDE_ID) instanceof FreeText.Refused refused) {
                securityEvent("stripe_webhook_malformed", request, "event " + field.getKey() + ": " + refused.rule());
                ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Malformed event",
                        "event " + field.getKey() + " " + refused.reason());
                answer.getBody().setProperty("field", field.getKey());
                answer.getBody().setProperty("rule", refused.rule());
                return answer;
            }
        }
        boolean queued = inbox.store(event.getId(), event.getType(), payload);
        if (queued) {
            worker.wake();
        }
        return ResponseEntity.ok(Map.of("received", true, "status", queued ? "QUEUED" : "ALREADY_RECEIVED"));
    }

    /**
     * The platform endpoint and the Connect endpoint (events on landlords' accounts) each sign with their own secret;
     * a delivery is genuine if either verifies it.
     */
    private Event verified(String payload, String signature, List<String> secrets)
            throws SignatureVerificationException {
        SignatureVerificationException refused = null;
        for (String secret : secrets) {
            try {
                return Webhook.constructEvent(payload, signature, secret, properties.webhookTolerance().toSeconds());
            } catch (SignatureVerificationException e) {
                refused = e;
            }
        }
        throw refused;
    }

    /**
     * Stripe's library refuses only timestamps older than the tolerance; one ahead of our clock by more than the same
     * tolerance would keep a captured delivery replayable for as long as it lies ahead, so it is refused too.
     */
    private void requireNotAhead(String signature) throws SignatureVerificationException {
        long latest = Instant.now().plus(properties.webhookTolerance()).getEpochSecond();
        for (String element : signature.split(",")) {
            String[] pair = element.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equals("t")) {
                try {
                    if (Long.parseLong(pair[1].strip()) > latest) {
                        throw new SignatureVerificationException("Timestamp ahead of the tolerance zone", signature);
                    }
                } catch (NumberFormatException e) {
                    throw new SignatureVerificationException("Unable to extract timestamp", signature);
                }
            }
        }
    }

    private static void securityEvent(String type, HttpServletRequest request, String reason) {
        String clean = reason == null ? "" : reason.replaceAll("[\\r\\n\"]", " ");
        SECURITY.warn("security-event type={} method={} path={} remote={} principal=- tenant=- reason=\"{}\"", type,
                request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                clean.length() > 300 ? clean.substring(0, 300) : clean);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
