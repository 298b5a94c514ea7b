package com.meterledger.stripesandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * With the sandbox enabled, points the application's Stripe settings at it: the API base, the Checkout origin the
 * occupant page may post to, and (only where none is configured) a test API key and a webhook secret shared with the
 * sandbox. Nothing else in the application knows the sandbox. A live key with the sandbox enabled stops the start:
 * that is a production configured by mistake.
 */
public class StripeSandboxEnvironment implements EnvironmentPostProcessor {
    static final String LOCAL_API_KEY = "sk_test_local_sandbox";
    static final String LOCAL_WEBHOOK_SECRET = "whsec_local_sandbox";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("meterledger.stripe.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        String apiKey = environment.getProperty("meterledger.stripe.api-key", "");
        if (apiKey.startsWith("sk_live_") || apiKey.startsWith("rk_live_")) {
            throw new IllegalStateException("meterledger.stripe.sandbox.enabled=true with a live Stripe key: "
                    + "the sandbox is for the local run only (set METERLEDGER_STRIPE_SANDBOX_ENABLED=false)");
        }
        int port = environment.getProperty("meterledger.stripe.sandbox.port", Integer.class, 0);
        if (port == 0) {
            port = freePort();
        }
        String base = "http://127.0.0.1:" + port;
        Map<String, Object> sandbox = new HashMap<>();
        sandbox.put("meterledger.stripe.sandbox.port", port);
        sandbox.put("meterledger.stripe.api-base", base);
        sandbox.put("meterledger.pay.checkout-origin", base);
        sandbox.put("meterledger.billing.portal-origin", base);
        if (apiKey.isBlank()) {
            sandbox.put("meterledger.stripe.api-key", LOCAL_API_KEY);
        }
        if (environment.getProperty("meterledger.stripe.webhook-secret", "").isBlank()) {
            sandbox.put("meterledger.stripe.webhook-secret", LOCAL_WEBHOOK_SECRET);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("stripeSandbox", sandbox));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
