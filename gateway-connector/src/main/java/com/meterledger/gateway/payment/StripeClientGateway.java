package com.meterledger.gateway.payment;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;

import java.util.Locale;

/**
 * The production adapter: stripe-java's {@link StripeClient} at the configured API base (Stripe itself, or the local
 * fake in tests: the same code with other keys). The payment id is Stripe's idempotency key, so a retried creation
 * returns the same session instead of a second one. No metadata is sent that we would ever trust on the way back.
 */
public class StripeClientGateway implements StripeGateway {
    private final StripeClient client;
    private final StripeProperties properties;

    public StripeClientGateway(StripeProperties properties) {
        this.properties = properties;
        this.client = StripeClient.builder().setApiKey(properties.apiKey()).setApiBase(properties.apiBase()).build();
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(request.paymentId().value())
                .setSuccessUrl(properties.successUrl())
                .setCancelUrl(properties.cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                                .setUnitAmount(request.amount().minorUnits())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description()).build())
                                .build())
                        .build())
                .build();
        try {
            Session session = client.v1().checkout().sessions().create(params,
                    RequestOptions.builder().setIdempotencyKey("checkout-" + request.paymentId().value()).build());
            return new CheckoutSession(session.getId(), session.getUrl());
        } catch (StripeException e) {
            throw new StripeUnavailable("Stripe refused or did not answer the checkout creation: " + e.getMessage(), e);
        }
    }
}
