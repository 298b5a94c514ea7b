package com.meterledger.app.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The local Stripe fake: one WireMock server per test JVM, started on a free port before the application context, and
 * given to the application as its Stripe API base. Tests stub the Stripe-shaped answers they need.
 */
public final class StripeFake {
    private static WireMockServer server;

    private StripeFake() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    /** Stripe answers the next checkout creation with this session (a Checkout Session object, Stripe's JSON shape). */
    public static void nextCheckoutSession(String sessionId, long amountMinor, String currency) {
        server().stubFor(WireMock.post("/v1/checkout/sessions").willReturn(WireMock.okJson("""
                {"id":"%s","object":"checkout.session","amount_total":%d,"currency":"%s","mode":"payment",
                 "payment_status":"unpaid","status":"open","livemode":false,
                 "url":"https://checkout.stripe.com/c/pay/%s"}""".formatted(sessionId, amountMinor, currency, sessionId))));
    }
}
