package com.meterledger.gateway.payment;

import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.TenantId;
import com.stripe.StripeClient;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.BalanceTransactionSource;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.HasId;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.PayoutListParams;
import com.stripe.param.checkout.SessionCreateParams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The production adapter: stripe-java's {@link StripeClient} at the configured API base (Stripe itself, or the local
 * fake in tests: the same code with other keys). The payment id is Stripe's idempotency key, so a retried creation
 * returns the same session instead of a second one. No metadata is sent that we would ever trust on the way back.
 * <p>
 * Checkouts are direct charges on the landlord's connected (Standard) account: the {@code Stripe-Account} header names
 * it and {@code payment_intent_data.application_fee_amount} is the platform's fee. The landlord is the merchant of
 * record; refunds, disputes and payouts happen on its balance, which is why reconciliation reads that balance.
 */
public class StripeClientGateway implements StripeGateway {
    /** Stripe's largest list page. */
    private static final long PAGE = 100;
    private final StripeClient client;
    private final StripeProperties properties;

    public StripeClientGateway(StripeProperties properties) {
        this.properties = properties;
        this.client = StripeClient.builder().setApiKey(properties.apiKey()).setApiBase(properties.apiBase()).build();
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        SessionCreateParams.Builder builder = SessionCreateParams.builder();
        // card alone: no list, as before (Checkout shows what the account has enabled); with WeChat Pay or Alipay the
        // list is explicit, and WeChat Pay needs its client named (a web page: a QR code on desktop, the app on phone)
        if (!request.methods().equals(List.of(PaymentMethod.CARD))) {
            for (PaymentMethod method : request.methods()) {
                builder.addPaymentMethodType(switch (method) {
                    case CARD -> SessionCreateParams.PaymentMethodType.CARD;
                    case WECHAT_PAY -> SessionCreateParams.PaymentMethodType.WECHAT_PAY;
                    case ALIPAY -> SessionCreateParams.PaymentMethodType.ALIPAY;
                });
            }
            if (request.methods().contains(PaymentMethod.WECHAT_PAY)) {
                builder.setPaymentMethodOptions(SessionCreateParams.PaymentMethodOptions.builder()
                        .setWechatPay(SessionCreateParams.PaymentMethodOptions.WechatPay.builder()
                                .setClient(SessionCreateParams.PaymentMethodOptions.WechatPay.Client.WEB).build())
                        .build());
            }
        }
        SessionCreateParams params = builder
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
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setApplicationFeeAmount(request.applicationFeeMinor()).build())
                .build();
        return call("the checkout creation", () -> {
            Session session = client.v1().checkout().sessions().create(params, RequestOptions.builder()
                    .setStripeAccount(request.connectedAccountId())
                    .setIdempotencyKey("checkout-" + request.paymentId().value()).build());
            return new CheckoutSession(session.getId(), session.getUrl());
        });
    }

    @Override
    public String createBillingCustomer(TenantId tenant) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setDescription("MeterLedger tenant " + tenant.value()).build();
        return call("the billing customer creation", () -> client.v1().customers().create(params,
                RequestOptions.builder().setIdempotencyKey("billing-customer-" + tenant.value()).build()).getId());
    }

    /** Line item without quantity: the price is metered (active meters per month, tiered), Stripe sums the usage. */
    @Override
    public CheckoutSession createSubscriptionCheckout(SubscriptionCheckoutRequest request) {
        SessionCreateParams.SubscriptionData.Builder subscription = SessionCreateParams.SubscriptionData.builder();
        if (request.trialDays() > 0) {
            subscription.setTrialPeriodDays(request.trialDays());
        }
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(request.customerId())
                .setClientReferenceId(request.tenant().value())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(request.priceId()).build())
                .setSubscriptionData(subscription.build())
                .build();
        return call("the subscription checkout", () -> {
            Session session = client.v1().checkout().sessions().create(params, RequestOptions.builder()
                    .setIdempotencyKey("subscribe-" + request.tenant().value() + "-" + request.attempt()).build());
            return new CheckoutSession(session.getId(), session.getUrl());
        });
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(returnUrl).build();
        return call("the customer portal session", () -> client.v1().billingPortal().sessions().create(params)
                .getUrl());
    }

    @Override
    public String cancelSubscription(String subscriptionId) {
        return call("the subscription's cancellation", () -> client.v1().subscriptions().cancel(subscriptionId)
                .getStatus());
    }

    @Override
    public void reportMeterEvent(String eventName, String customerId, long value, String identifier, Instant at) {
        MeterEventCreateParams params = MeterEventCreateParams.builder().setEventName(eventName)
                .setIdentifier(identifier).setTimestamp(at.getEpochSecond())
                .putPayload("stripe_customer_id", customerId).putPayload("value", Long.toString(value)).build();
        call("the billing meter event", () -> client.v1().billing().meterEvents().create(params,
                RequestOptions.builder().setIdempotencyKey("meter-" + identifier).build()));
    }

    @Override
    public ConnectedAccount createConnectedAccount(TenantId tenant) {
        AccountCreateParams params = AccountCreateParams.builder().setType(AccountCreateParams.Type.STANDARD).build();
        return call("the connected account creation", () -> connected(client.v1().accounts().create(params,
                RequestOptions.builder().setIdempotencyKey("connect-" + tenant.value()).build())));
    }

    @Override
    public OnboardingLink createOnboardingLink(String connectedAccountId, String refreshUrl, String returnUrl) {
        AccountLinkCreateParams params = AccountLinkCreateParams.builder().setAccount(connectedAccountId)
                .setRefreshUrl(refreshUrl).setReturnUrl(returnUrl)
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).build();
        return call("the onboarding link", () -> {
            AccountLink link = client.v1().accountLinks().create(params);
            return new OnboardingLink(link.getUrl(), Instant.ofEpochSecond(link.getExpiresAt()));
        });
    }

    @Override
    public ConnectedAccount retrieveAccount(String connectedAccountId) {
        return call("the account", () -> connected(client.v1().accounts().retrieve(connectedAccountId)));
    }

    @Override
    public PaymentMethod paidWith(String connectedAccountId, String paymentIntentId) {
        return call("the payment intent", () -> {
            PaymentIntent intent = client.v1().paymentIntents().retrieve(paymentIntentId,
                    PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(), on(connectedAccountId));
            Charge charge = intent.getLatestChargeObject();
            return PaymentMethod.ofStripeType(charge == null || charge.getPaymentMethodDetails() == null ? null
                    : charge.getPaymentMethodDetails().getType());
        });
    }

    @Override
    public List<BalanceLine> balanceTransactions(String connectedAccountId, Instant from, Instant to) {
        return pages("the balance transactions", after -> client.v1().balanceTransactions().list(
                BalanceTransactionListParams.builder().setLimit(PAGE).setStartingAfter(after).addExpand("data.source")
                        .setCreated(BalanceTransactionListParams.Created.builder()
                                .setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build()).build(),
                on(connectedAccountId)), StripeClientGateway::line);
    }

    @Override
    public List<PayoutLine> payouts(String connectedAccountId, Instant from, Instant to) {
        return pages("the payouts", after -> client.v1().payouts().list(
                PayoutListParams.builder().setLimit(PAGE).setStartingAfter(after)
                        .setCreated(PayoutListParams.Created.builder()
                                .setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build()).build(),
                on(connectedAccountId)), payout -> new PayoutLine(payout.getId(), payout.getAmount(),
                upper(payout.getCurrency()), payout.getStatus(), Instant.ofEpochSecond(payout.getCreated())));
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private interface PageCall<T extends HasId> {
        StripeCollection<T> page(String startingAfter) throws StripeException;
    }

    private static <T> T call(String what, StripeCall<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw new StripeUnavailable("Stripe refused or did not answer " + what + ": " + e.getMessage(), e);
        }
    }

    /** Follows Stripe's cursor ({@code has_more}, {@code starting_after} = the last id) through every page. */
    private static <T extends HasId, R> List<R> pages(String what, PageCall<T> call, Function<T, R> map) {
        List<R> all = new ArrayList<>();
        String after = null;
        while (true) {
            String cursor = after;
            StripeCollection<T> page = call(what, () -> call.page(cursor));
            page.getData().forEach(item -> all.add(map.apply(item)));
            if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                return all;
            }
            after = page.getData().getLast().getId();
        }
    }

    private static RequestOptions on(String connectedAccountId) {
        return RequestOptions.builder().setStripeAccount(connectedAccountId).build();
    }

    /** Stripe's account object in our words; also how the account.updated webhook reads it. */
    static ConnectedAccount connected(Account account) {
        return new ConnectedAccount(account.getId(), Boolean.TRUE.equals(account.getChargesEnabled()),
                Boolean.TRUE.equals(account.getPayoutsEnabled()), Boolean.TRUE.equals(account.getDetailsSubmitted()));
    }

    private static BalanceLine line(BalanceTransaction transaction) {
        long applicationFee = transaction.getFeeDetails() == null ? 0 : transaction.getFeeDetails().stream()
                .filter(detail -> "application_fee".equals(detail.getType()))
                .mapToLong(BalanceTransaction.FeeDetail::getAmount).sum();
        BalanceTransactionSource source = transaction.getSourceObject();
        String paymentIntent = switch (source) {
            case Charge charge -> charge.getPaymentIntent();
            case Refund refund -> refund.getPaymentIntent();
            case Dispute dispute -> dispute.getPaymentIntent();
            case null, default -> null;
        };
        return new BalanceLine(transaction.getId(), transaction.getType(), transaction.getAmount(),
                transaction.getFee() == null ? 0 : transaction.getFee(), applicationFee,
                upper(transaction.getCurrency()), transaction.getSource(), paymentIntent,
                Instant.ofEpochSecond(transaction.getCreated()));
    }

    private static String upper(String currency) {
        return currency == null ? null : currency.toUpperCase(Locale.ROOT);
    }
}
