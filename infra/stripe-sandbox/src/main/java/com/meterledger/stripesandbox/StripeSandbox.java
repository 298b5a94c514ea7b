package com.meterledger.stripesandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for Stripe in the local run, NOT Stripe: it answers, in memory and with Stripe's JSON shapes, exactly the
 * calls MeterLedger's Stripe adapter makes (connected accounts, account links, Checkout Sessions, refunds, balance
 * transactions and payouts with Stripe's cursor paging), serves a hosted onboarding page and a hosted Checkout page
 * (Pay / Cancel), and sends the resulting events signed to the application's webhook endpoint. Bound to 127.0.0.1 on
 * its own port, never behind the application's public port. Everything is lost when the application stops.
 */
public final class StripeSandbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StripeSandbox.class);
    /** Stripe's processing fee on the landlord's balance: 1.4 % + 0.25 (only so the fee lines look real). */
    private static final long FIXED_FEE = 25;
    private static final long FEE_PER_MILLE = 14;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final SandboxWebhooks webhooks;
    private final Map<String, Map<String, Object>> accounts = new HashMap<>();
    private final Map<String, Link> links = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final List<Transaction> balance = new ArrayList<>();
    private final List<Transaction> payouts = new ArrayList<>();
    /** Stripe's idempotency: the same key on the same path answers the first answer again. */
    private final Map<String, String> idempotent = new HashMap<>();
    /** The API version the application's client asks for; events are rendered in it, as Stripe does. */
    private volatile String apiVersion = "2025-01-01";

    private record Link(String id, String account, String refreshUrl, String returnUrl, long expiresAt) {
    }

    private static final class Session {
        final String id;
        final String account;
        final long amount;
        final String currency;
        final long applicationFee;
        final String clientReferenceId;
        final String successUrl;
        final String cancelUrl;
        final List<String> methods;
        String paymentIntent;
        String paidWith;

        Session(String id, String account, long amount, String currency, long applicationFee,
                String clientReferenceId, String successUrl, String cancelUrl, List<String> methods) {
            this.id = id;
            this.account = account;
            this.amount = amount;
            this.currency = currency;
            this.applicationFee = applicationFee;
            this.clientReferenceId = clientReferenceId;
            this.successUrl = successUrl;
            this.cancelUrl = cancelUrl;
            this.methods = methods;
        }
    }

    private static final class Charge {
        final String id;
        final String paymentIntent;
        final String account;
        final long amount;
        final String currency;
        final String method;
        long refunded;

        Charge(String id, String paymentIntent, String account, long amount, String currency, String method) {
            this.id = id;
            this.paymentIntent = paymentIntent;
            this.account = account;
            this.amount = amount;
            this.currency = currency;
            this.method = method;
        }
    }

    private record Transaction(String id, String account, long created, Map<String, Object> object) {
    }

    /** A subscription-mode Checkout Session of the platform's own billing (no connected account). */
    private static final class PlanSession {
        final String id;
        final String customer;
        final String price;
        final long trialDays;
        final String successUrl;
        final String cancelUrl;
        boolean complete;

        PlanSession(String id, String customer, String price, long trialDays, String successUrl, String cancelUrl) {
            this.id = id;
            this.customer = customer;
            this.price = price;
            this.trialDays = trialDays;
            this.successUrl = successUrl;
            this.cancelUrl = cancelUrl;
        }
    }

    /** A customer's subscription as the sandbox keeps it: one per customer. */
    private static final class PlanSubscription {
        final String id;
        final String customer;
        String price;
        String status;
        Long trialEnd;
        int invoices;

        PlanSubscription(String id, String customer, String price, String status, Long trialEnd) {
            this.id = id;
            this.customer = customer;
            this.price = price;
            this.status = status;
            this.trialEnd = trialEnd;
        }
    }

    private record PortalSession(String id, String customer, String returnUrl) {
    }

    private final Map<String, PlanSession> planSessions = new HashMap<>();
    private final Map<String, PlanSubscription> subscriptions = new HashMap<>();
    private final Map<String, PortalSession> portals = new HashMap<>();
    /** Billing Meter events by identifier: Stripe keeps the first of an identifier. */
    private final Map<String, Map<String, Object>> meterEvents = new LinkedHashMap<>();

    private StripeSandbox(HttpServer server, SandboxWebhooks webhooks) {
        this.server = server;
        this.webhooks = webhooks;
    }

    /**
     * Starts on 127.0.0.1:{@code port}; events go to {@code webhookUrl} (may be set later), signed with
     * {@code webhookSecret}.
     */
    public static StripeSandbox start(int port, String webhookSecret, String webhookUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        StripeSandbox sandbox = new StripeSandbox(server, new SandboxWebhooks(new ObjectMapper(), webhookSecret,
                webhookUrl));
        server.createContext("/", sandbox::handle);
        server.start();
        log.info("Stripe sandbox (a local stand-in, not Stripe) listening on {}", sandbox.baseUrl());
        return sandbox;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where events go from now on (the application's {@code /webhooks/stripe}). */
    public void webhooksTo(String url) {
        webhooks.endpoint(url);
    }

    @Override
    public void close() {
        webhooks.close();
        server.stop(0);
    }

    // --- routing ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            try {
                if ("v1".equals(path[0])) {
                    api(exchange, method, path,
                            form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                } else {
                    page(exchange, method, path);
                }
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, "application/json", error("invalid_request_error", e.getMessage()));
            } catch (RuntimeException e) {
                log.warn("stripe sandbox: {} {} failed", method, exchange.getRequestURI(), e);
                respond(exchange, 500, "application/json", error("api_error", "the sandbox failed: " + e.getMessage()));
            }
        }
    }

    private void api(HttpExchange exchange, String method, String[] path, Map<String, String> form) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer sk_test_")) {
            respond(exchange, 401, "application/json", error("invalid_request_error",
                    "the sandbox takes test keys only (sk_test_...)"));
            return;
        }
        String version = exchange.getRequestHeaders().getFirst("Stripe-Version");
        if (version != null) {
            apiVersion = version;
        }
        String onAccount = exchange.getRequestHeaders().getFirst("Stripe-Account");
        String route = method + " /" + String.join("/", path).replaceAll("/(acct|cs|pi|ch|sub)_[^/]+", "/{id}");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        synchronized (this) {
            String replay = key == null ? null : idempotent.get(route + " " + key);
            if (replay != null) {
                respond(exchange, 200, "application/json", replay);
                return;
            }
            Answer answer = switch (route) {
                case "POST /v1/accounts" -> ok(createAccount());
                case "GET /v1/accounts/{id}" -> known(path[2]) ? ok(accounts.get(path[2])) : missing("account", path[2]);
                case "POST /v1/account_links" -> createLink(form);
                case "POST /v1/checkout/sessions" -> "subscription".equals(form.get("mode"))
                        ? createPlanSession(form) : createSession(onAccount, form);
                case "POST /v1/customers" -> ok(Map.of("id", id("cus_sbx_"), "object", "customer", "livemode", false,
                        "description", form.getOrDefault("description", "")));
                case "POST /v1/billing_portal/sessions" -> createPortal(form);
                case "POST /v1/billing/meter_events" -> meterEvent(form);
                case "DELETE /v1/subscriptions/{id}" -> cancelSubscription(path[2]);
                case "GET /v1/checkout/sessions/{id}" -> sessions.containsKey(path[3])
                        ? ok(session(sessions.get(path[3]))) : missing("checkout.session", path[3]);
                case "GET /v1/payment_intents/{id}" -> paymentIntent(onAccount, path[2], query(exchange));
                case "POST /v1/refunds" -> refund(onAccount, form);
                case "GET /v1/balance_transactions" -> ok(list("/v1/balance_transactions", onAccount,
                        query(exchange), balance));
                case "POST /v1/payouts" -> payout(onAccount, form);
                case "GET /v1/payouts" -> ok(list("/v1/payouts", onAccount, query(exchange), payouts));
                default -> new Answer(404, error("invalid_request_error", "Unrecognized request URL (" + route
                        + "): the sandbox answers only the calls MeterLedger makes"));
            };
            String body = write(answer.body());
            if (key != null && answer.status() == 200) {
                idempotent.put(route + " " + key, body);
            }
            respond(exchange, answer.status(), "application/json", body);
        }
    }

    private void page(HttpExchange exchange, String method, String[] path) throws IOException {
        boolean post = "POST".equals(method);
        String redirect = null;
        synchronized (this) {
            if (path.length == 2 && "setup".equals(path[0]) && links.containsKey(path[1])) {
                Link link = links.get(path[1]);
                if ("GET".equals(method)) {
                    respond(exchange, 200, "text/html; charset=utf-8", html("Stripe sandbox: onboarding",
                            "<p>Connected account <code>" + link.account() + "</code> (a local stand-in for Stripe's "
                                    + "onboarding).</p><form method=\"post\"><button>Finish onboarding</button></form>"));
                    return;
                }
                redirect = post ? finishOnboarding(link) : null;
            } else if (path.length >= 3 && "c".equals(path[0]) && "pay".equals(path[1])
                    && planSessions.containsKey(path[2])) {
                PlanSession session = planSessions.get(path[2]);
                if ("GET".equals(method) && path.length == 3) {
                    respond(exchange, 200, "text/html; charset=utf-8", planCheckoutPage(session));
                    return;
                }
                String action = post && path.length == 4 ? path[3] : "";
                redirect = switch (action) {
                    case "subscribe" -> subscribe(session);
                    case "cancel" -> session.cancelUrl;
                    default -> null;
                };
            } else if (path.length >= 3 && "p".equals(path[0]) && "session".equals(path[1])
                    && portals.containsKey(path[2])) {
                PortalSession portal = portals.get(path[2]);
                if ("GET".equals(method) && path.length == 3) {
                    respond(exchange, 200, "text/html; charset=utf-8", portalPage(portal));
                    return;
                }
                String action = post && path.length == 4 ? path[3] : "";
                redirect = portalAction(portal, action);
            } else if (path.length >= 3 && "c".equals(path[0]) && "pay".equals(path[1])
                    && sessions.containsKey(path[2])) {
                Session session = sessions.get(path[2]);
                if ("GET".equals(method) && path.length == 3) {
                    respond(exchange, 200, "text/html; charset=utf-8", checkoutPage(session));
                    return;
                }
                String action = post && path.length >= 4 ? path[3] : "";
                // /c/pay/{session}/pay/{method}: the payer picked one of the session's methods
                String paidWith = path.length == 5 ? path[4] : "card";
                redirect = switch (action) {
                    case "pay" -> session.methods.contains(paidWith) ? pay(session, paidWith) : null;
                    case "cancel" -> session.cancelUrl;
                    default -> null;
                };
            }
        }
        if (redirect == null) {
            respond(exchange, 404, "text/html; charset=utf-8", html("Not found", "<p>No such sandbox page.</p>"));
            return;
        }
        exchange.getResponseHeaders().add("Location", redirect);
        exchange.sendResponseHeaders(303, -1);
    }

    // --- Connect ---------------------------------------------------------------------------------------------------

    private Map<String, Object> createAccount() {
        return account(id("acct_sbx_"));
    }

    /**
     * Whether the account exists. An account of an earlier run (the sandbox keeps nothing across restarts, the
     * application's database does) comes back as new: not onboarded, so the landlord onboards it again.
     */
    private boolean known(String id) {
        if (id != null && !accounts.containsKey(id) && id.startsWith("acct_sbx_")) {
            account(id);
        }
        return id != null && accounts.containsKey(id);
    }

    private Map<String, Object> account(String id) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("object", "account");
        account.put("type", "standard");
        account.put("country", "DE");
        account.put("default_currency", "eur");
        account.put("charges_enabled", false);
        account.put("payouts_enabled", false);
        account.put("details_submitted", false);
        account.put("livemode", false);
        accounts.put(id, account);
        return account;
    }

    private Answer createLink(Map<String, String> form) {
        String account = form.get("account");
        if (!known(account)) {
            return missing("account", account);
        }
        long expiresAt = Instant.now().plusSeconds(300).getEpochSecond();
        Link link = new Link(id("al_sbx_"), account, form.get("refresh_url"), form.get("return_url"), expiresAt);
        links.put(link.id(), link);
        return ok(Map.of("object", "account_link", "created", Instant.now().getEpochSecond(), "expires_at", expiresAt,
                "url", baseUrl() + "/setup/" + link.id()));
    }

    private String finishOnboarding(Link link) {
        Map<String, Object> account = accounts.get(link.account());
        account.put("charges_enabled", true);
        account.put("payouts_enabled", true);
        account.put("details_submitted", true);
        links.remove(link.id());
        webhooks.send("account.updated", link.account(), apiVersion, new LinkedHashMap<>(account));
        return link.returnUrl();
    }

    // --- Checkout --------------------------------------------------------------------------------------------------

    private Answer createSession(String account, Map<String, String> form) {
        if (!known(account) || !Boolean.TRUE.equals(accounts.get(account).get("charges_enabled"))) {
            return new Answer(400, error("invalid_request_error",
                    "the connected account " + account + " cannot take charges (finish its onboarding)"));
        }
        String amount = form.get("line_items[0][price_data][unit_amount]");
        String currency = form.get("line_items[0][price_data][currency]");
        if (amount == null || currency == null) {
            return new Answer(400, error("invalid_request_error", "line_items[0][price_data] is required"));
        }
        String fee = form.getOrDefault("payment_intent_data[application_fee_amount]", "0");
        // payment_method_types[n] as Stripe reads them; none: card, as an account with only cards enabled
        List<String> methods = new ArrayList<>();
        for (int i = 0; form.containsKey("payment_method_types[" + i + "]"); i++) {
            methods.add(form.get("payment_method_types[" + i + "]"));
        }
        if (methods.isEmpty()) {
            methods.add("card");
        }
        for (String type : methods) {
            if (!List.of("card", "wechat_pay", "alipay").contains(type)) {
                return new Answer(400, error("invalid_request_error", "The payment method type " + type
                        + " is not supported by this sandbox"));
            }
        }
        if (methods.contains("wechat_pay") && !"web".equals(form.get("payment_method_options[wechat_pay][client]"))) {
            return new Answer(400, error("invalid_request_error", "payment_method_options[wechat_pay][client] is "
                    + "required when wechat_pay is used in Checkout"));
        }
        Session session = new Session(id("cs_test_sbx_"), account, Long.parseLong(amount),
                currency.toLowerCase(Locale.ROOT), Long.parseLong(fee), form.get("client_reference_id"),
                form.get("success_url"), form.get("cancel_url"), List.copyOf(methods));
        sessions.put(session.id, session);
        return ok(session(session));
    }

    /** The payer pays: a charge with its balance transaction (Stripe's fee + the platform's), then the event. */
    private String pay(Session session, String method) {
        if (session.paymentIntent == null) {
            session.paymentIntent = id("pi_sbx_");
            session.paidWith = method;
            Charge charge = new Charge(id("ch_sbx_"), session.paymentIntent, session.account, session.amount,
                    session.currency, method);
            charges.put(charge.id, charge);
            long stripeFee = session.amount > 0 ? FIXED_FEE + session.amount * FEE_PER_MILLE / 1000 : 0;
            List<Map<String, Object>> fees = List.of(
                    fee(stripeFee, session.currency, "stripe_fee", "Stripe processing fees"),
                    fee(session.applicationFee, session.currency, "application_fee", "application fee"));
            record(session.account, "charge", session.amount, stripeFee + session.applicationFee, session.currency,
                    fees, charge(charge));
            webhooks.send("checkout.session.completed", session.account, apiVersion, session(session));
        }
        return session.successUrl;
    }

    /**
     * A paid session's payment intent; {@code expand[]=latest_charge} gives its charge with
     * {@code payment_method_details.type}, which is how one learns which of a session's methods was used.
     */
    private Answer paymentIntent(String account, String id, Map<String, String> query) {
        Charge charge = charges.values().stream().filter(c -> c.paymentIntent.equals(id)).findFirst().orElse(null);
        if (charge == null || !charge.account.equals(account)) {
            return missing("payment_intent", id);
        }
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", charge.amount);
        intent.put("currency", charge.currency);
        intent.put("status", "succeeded");
        intent.put("livemode", false);
        intent.put("latest_charge", query.containsValue("latest_charge") ? charge(charge) : charge.id);
        return ok(intent);
    }

    private Answer refund(String account, Map<String, String> form) {
        Charge charge = form.containsKey("charge") ? charges.get(form.get("charge")) : charges.values().stream()
                .filter(c -> c.paymentIntent.equals(form.get("payment_intent"))).findFirst().orElse(null);
        if (charge == null || !charge.account.equals(account)) {
            return missing("charge", form.getOrDefault("charge", form.get("payment_intent")));
        }
        long amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : charge.amount - charge.refunded;
        if (amount <= 0 || charge.refunded + amount > charge.amount) {
            return new Answer(400, error("invalid_request_error", "Refund amount (" + amount
                    + ") is greater than the unrefunded amount on charge (" + (charge.amount - charge.refunded) + ")"));
        }
        charge.refunded += amount;
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", id("re_sbx_"));
        refund.put("object", "refund");
        refund.put("amount", amount);
        refund.put("currency", charge.currency);
        refund.put("charge", charge.id);
        refund.put("payment_intent", charge.paymentIntent);
        refund.put("status", "succeeded");
        record(account, "refund", -amount, 0, charge.currency, List.of(), refund);
        webhooks.send("charge.refunded", account, apiVersion, charge(charge));
        return ok(refund);
    }

    /** The landlord pays out (Stripe does it on a schedule): the payout and its balance transaction. */
    private Answer payout(String account, Map<String, String> form) {
        if (!known(account)) {
            return missing("account", account);
        }
        long amount = Long.parseLong(form.getOrDefault("amount", "0"));
        if (amount <= 0) {
            return new Answer(400, error("invalid_request_error", "amount must be positive"));
        }
        long created = Instant.now().getEpochSecond();
        Map<String, Object> payout = new LinkedHashMap<>();
        payout.put("id", id("po_sbx_"));
        payout.put("object", "payout");
        payout.put("amount", amount);
        payout.put("arrival_date", created);
        payout.put("created", created);
        payout.put("currency", form.getOrDefault("currency", "eur").toLowerCase(Locale.ROOT));
        payout.put("method", "standard");
        payout.put("status", "paid");
        payout.put("type", "bank_account");
        payout.put("livemode", false);
        payouts.add(new Transaction((String) payout.get("id"), account, created, payout));
        record(account, "payout", -amount, 0, (String) payout.get("currency"), List.of(), payout);
        return ok(payout);
    }

    // --- the platform's own billing (Checkout in subscription mode, the Customer Portal, Billing Meter events) ------

    private Answer createPlanSession(Map<String, String> form) {
        String customer = form.get("customer");
        String price = form.get("line_items[0][price]");
        if (customer == null || price == null) {
            return new Answer(400, error("invalid_request_error", "customer and line_items[0][price] are required"));
        }
        PlanSession session = new PlanSession(id("cs_test_sbx_"), customer, price,
                Long.parseLong(form.getOrDefault("subscription_data[trial_period_days]", "0")),
                form.get("success_url"), form.get("cancel_url"));
        planSessions.put(session.id, session);
        return ok(planSession(session));
    }

    /** The payer gives a (pretend) card: the subscription starts (in its trial), with Stripe's events in order. */
    private String subscribe(PlanSession session) {
        if (!session.complete) {
            session.complete = true;
            Long trialEnd = session.trialDays > 0
                    ? Instant.now().plusSeconds(session.trialDays * 86_400).getEpochSecond() : null;
            PlanSubscription subscription = new PlanSubscription(id("sub_sbx_"), session.customer, session.price,
                    trialEnd == null ? "active" : "trialing", trialEnd);
            subscriptions.put(session.customer, subscription);
            webhooks.send("checkout.session.completed", null, apiVersion, planSession(session));
            webhooks.send("customer.subscription.created", null, apiVersion, subscription(subscription));
            webhooks.send("invoice.paid", null, apiVersion, invoice(subscription, 0, "paid"));
        }
        return session.successUrl;
    }

    private Answer createPortal(Map<String, String> form) {
        String customer = form.get("customer");
        if (customer == null) {
            return new Answer(400, error("invalid_request_error", "customer is required"));
        }
        PortalSession portal = new PortalSession(id("bps_sbx_"), customer, form.get("return_url"));
        portals.put(portal.id(), portal);
        return ok(Map.of("id", portal.id(), "object", "billing_portal.session", "customer", customer, "livemode",
                false, "return_url", String.valueOf(portal.returnUrl()), "url", baseUrl() + "/p/session/" + portal.id()));
    }

    /**
     * What a person (or Stripe's own schedule, simulated by a button) does in the portal: end the trial and pay, fail
     * the next invoice, pay the open one, warn that the trial ends, cancel.
     */
    private String portalAction(PortalSession portal, String action) {
        PlanSubscription subscription = subscriptions.get(portal.customer());
        if (subscription == null) {
            return null;
        }
        switch (action) {
            case "end-trial", "pay" -> {
                subscription.status = "active";
                subscription.trialEnd = null;
                webhooks.send("customer.subscription.updated", null, apiVersion, subscription(subscription));
                webhooks.send("invoice.paid", null, apiVersion, invoice(subscription, 1200, "paid"));
            }
            case "fail" -> {
                subscription.status = "past_due";
                webhooks.send("invoice.payment_failed", null, apiVersion, invoice(subscription, 1200, "open"));
                webhooks.send("customer.subscription.updated", null, apiVersion, subscription(subscription));
            }
            case "trial-will-end" -> webhooks.send("customer.subscription.trial_will_end", null, apiVersion,
                    subscription(subscription));
            case "cancel" -> {
                subscription.status = "canceled";
                webhooks.send("customer.subscription.deleted", null, apiVersion, subscription(subscription));
            }
            default -> {
                return action.isEmpty() ? null : portal.returnUrl();
            }
        }
        return portal.returnUrl();
    }

    /** The platform cancels a subscription (its tenant closed): canceled at once, and the webhook Stripe sends. */
    private Answer cancelSubscription(String id) {
        PlanSubscription subscription = subscriptions.values().stream().filter(s -> s.id.equals(id)).findFirst()
                .orElse(null);
        if (subscription == null) {
            return missing("subscription", id);
        }
        if (!"canceled".equals(subscription.status)) {
            subscription.status = "canceled";
            webhooks.send("customer.subscription.deleted", null, apiVersion, subscription(subscription));
        }
        return ok(subscription(subscription));
    }

    private Answer meterEvent(Map<String, String> form) {
        String identifier = form.getOrDefault("identifier", id("mev_sbx_"));
        Map<String, Object> event = meterEvents.computeIfAbsent(identifier, key -> {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("object", "billing.meter_event");
            created.put("event_name", form.get("event_name"));
            created.put("identifier", key);
            created.put("payload", Map.of("stripe_customer_id", form.getOrDefault("payload[stripe_customer_id]", ""),
                    "value", form.getOrDefault("payload[value]", "0")));
            created.put("timestamp", Long.parseLong(form.getOrDefault("timestamp", "0")));
            created.put("created", Instant.now().getEpochSecond());
            created.put("livemode", false);
            return created;
        });
        return ok(event);
    }

    private Map<String, Object> planSession(PlanSession session) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", session.id);
        object.put("object", "checkout.session");
        object.put("mode", "subscription");
        object.put("customer", session.customer);
        object.put("livemode", false);
        object.put("payment_status", session.complete ? (session.trialDays > 0 ? "no_payment_required" : "paid")
                : "unpaid");
        object.put("status", session.complete ? "complete" : "open");
        object.put("subscription", session.complete ? subscriptions.get(session.customer).id : null);
        object.put("success_url", session.successUrl);
        object.put("cancel_url", session.cancelUrl);
        object.put("url", session.complete ? null : baseUrl() + "/c/pay/" + session.id);
        return object;
    }

    private static Map<String, Object> subscription(PlanSubscription subscription) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("id", subscription.price);
        price.put("object", "price");
        price.put("billing_scheme", "tiered");
        price.put("recurring", Map.of("interval", "month", "usage_type", "metered"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "si_" + subscription.id.substring(4));
        item.put("object", "subscription_item");
        item.put("price", price);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", subscription.id);
        object.put("object", "subscription");
        object.put("customer", subscription.customer);
        object.put("status", subscription.status);
        object.put("trial_end", subscription.trialEnd);
        object.put("livemode", false);
        object.put("items", Map.of("object", "list", "has_more", false, "url", "/v1/subscription_items",
                "data", List.of(item)));
        return object;
    }

    private Map<String, Object> invoice(PlanSubscription subscription, long amount, String status) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", "in_sbx_" + subscription.id.substring(8) + "_" + ++subscription.invoices);
        object.put("object", "invoice");
        object.put("customer", subscription.customer);
        object.put("currency", "eur");
        object.put("amount_due", amount);
        object.put("amount_paid", "paid".equals(status) ? amount : 0);
        object.put("status", status);
        object.put("livemode", false);
        return object;
    }

    private static String planCheckoutPage(PlanSession session) {
        String body = session.complete ? "<p>Subscribed.</p>" : """
                <p>Subscribe to <strong>%s</strong>%s (session <code>%s</code>)</p>
                <form method="post" action="/c/pay/%s/subscribe"><button id="subscribe">Subscribe</button></form>
                <form method="post" action="/c/pay/%s/cancel"><button>Cancel</button></form>"""
                .formatted(session.price, session.trialDays > 0 ? ", " + session.trialDays + " days free" : "",
                        session.id, session.id, session.id);
        return html("Stripe sandbox: Checkout", body);
    }

    private String portalPage(PortalSession portal) {
        PlanSubscription subscription = subscriptions.get(portal.customer());
        String state = subscription == null ? "<p>No subscription.</p>" : "<p>Subscription <code>" + subscription.id
                + "</code>: <strong>" + subscription.status + "</strong>, price <code>" + subscription.price
                + "</code></p>";
        StringBuilder forms = new StringBuilder();
        for (String[] action : new String[][] {{"end-trial", "End the trial and pay now"}, {"pay", "Pay the open invoice"},
                {"fail", "Fail the next invoice (simulates a declined card)"},
                {"trial-will-end", "Send the trial-ending notice"}, {"cancel", "Cancel the subscription"}}) {
            forms.append("<form method=\"post\" action=\"/p/session/").append(portal.id()).append('/')
                    .append(action[0]).append("\"><button id=\"").append(action[0]).append("\">").append(action[1])
                    .append("</button></form>");
        }
        return html("Stripe sandbox: Customer Portal", state + (subscription == null ? "" : forms.toString())
                + "<p><a href=\"" + portal.returnUrl() + "\">Back</a></p>");
    }

    // --- Stripe-shaped objects -------------------------------------------------------------------------------------

    private Map<String, Object> session(Session session) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", session.id);
        object.put("object", "checkout.session");
        object.put("amount_total", session.amount);
        object.put("currency", session.currency);
        object.put("client_reference_id", session.clientReferenceId);
        object.put("mode", "payment");
        object.put("livemode", false);
        object.put("payment_intent", session.paymentIntent);
        object.put("payment_method_types", session.methods);
        object.put("payment_status", session.paymentIntent == null ? "unpaid" : "paid");
        object.put("status", session.paymentIntent == null ? "open" : "complete");
        object.put("success_url", session.successUrl);
        object.put("cancel_url", session.cancelUrl);
        object.put("url", session.paymentIntent == null ? baseUrl() + "/c/pay/" + session.id : null);
        return object;
    }

    private static Map<String, Object> charge(Charge charge) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", charge.id);
        object.put("object", "charge");
        object.put("amount", charge.amount);
        object.put("amount_refunded", charge.refunded);
        object.put("currency", charge.currency);
        object.put("payment_intent", charge.paymentIntent);
        object.put("payment_method_details", Map.of("type", charge.method));
        object.put("paid", true);
        object.put("refunded", charge.refunded == charge.amount);
        object.put("status", "succeeded");
        object.put("livemode", false);
        return object;
    }

    private static Map<String, Object> fee(long amount, String currency, String type, String description) {
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("amount", amount);
        fee.put("application", "application_fee".equals(type) ? "ca_meterledger_sandbox" : null);
        fee.put("currency", currency);
        fee.put("description", description);
        fee.put("type", type);
        return fee;
    }

    private void record(String account, String type, long amount, long fee, String currency,
                        List<Map<String, Object>> fees, Map<String, Object> source) {
        long created = Instant.now().getEpochSecond();
        Map<String, Object> transaction = new LinkedHashMap<>();
        String id = id("txn_sbx_");
        transaction.put("id", id);
        transaction.put("object", "balance_transaction");
        transaction.put("amount", amount);
        transaction.put("available_on", created);
        transaction.put("created", created);
        transaction.put("currency", currency);
        transaction.put("fee", fee);
        transaction.put("fee_details", fees);
        transaction.put("net", amount - fee);
        transaction.put("reporting_category", type);
        transaction.put("source", source);
        transaction.put("status", "pending");
        transaction.put("type", type);
        balance.add(new Transaction(id, account, created, transaction));
    }

    /**
     * A list page as Stripe pages it: the account's objects created in [created[gte], created[lt]), newest first,
     * {@code limit} at a time after {@code starting_after}; the source stays an id unless expanded.
     */
    private static Map<String, Object> list(String url, String account, Map<String, String> query,
                                            List<Transaction> all) {
        long gte = Long.parseLong(query.getOrDefault("created[gte]", "0"));
        long lt = Long.parseLong(query.getOrDefault("created[lt]", String.valueOf(Long.MAX_VALUE)));
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        boolean expand = query.entrySet().stream().anyMatch(e -> e.getKey().startsWith("expand[")
                && "data.source".equals(e.getValue()));
        List<Transaction> matching = new ArrayList<>(all.stream().filter(t -> t.account().equals(account)
                && t.created() >= gte && t.created() < lt).toList()).reversed();
        int start = 0;
        String after = query.get("starting_after");
        for (int i = 0; after != null && i < matching.size(); i++) {
            if (matching.get(i).id().equals(after)) {
                start = i + 1;
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Transaction transaction : matching.subList(start, Math.min(matching.size(), start + limit))) {
            Map<String, Object> object = new LinkedHashMap<>(transaction.object());
            if (!expand && object.get("source") instanceof Map<?, ?> source) {
                object.put("source", source.get("id"));
            }
            data.add(object);
        }
        return Map.of("object", "list", "url", url, "has_more", start + limit < matching.size(), "data", data);
    }

    // --- plumbing --------------------------------------------------------------------------------------------------

    private record Answer(int status, Object body) {
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    private static Answer missing(String what, String id) {
        return new Answer(404, error("invalid_request_error", "No such " + what + ": '" + id + "'"));
    }

    private static Map<String, Object> error(String type, String message) {
        return Map.of("error", Map.of("type", type, "message", message));
    }

    /** Unique across restarts too: the application's database outlives the sandbox's memory. */
    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void respond(HttpExchange exchange, int status, String type, Object body) throws IOException {
        byte[] bytes = (body instanceof String text ? text : write(body)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return form(exchange.getRequestURI().getRawQuery());
    }

    /** Stripe's form encoding: {@code a[b][0][c]=v} pairs, kept flat under their bracketed names. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String checkoutPage(Session session) {
        String amount = "%d.%02d %s".formatted(session.amount / 100, session.amount % 100,
                session.currency.toUpperCase(Locale.ROOT));
        StringBuilder buttons = new StringBuilder();
        for (String method : session.methods) {
            String label = switch (method) {
                case "wechat_pay" -> "Pay with WeChat Pay 微信支付";
                case "alipay" -> "Pay with Alipay 支付宝";
                default -> "Pay";
            };
            buttons.append("""
                    <form method="post" action="/c/pay/%s/pay/%s"><button id="pay-%s">%s</button></form>"""
                    .formatted(session.id, method, method, label));
        }
        String body = session.paymentIntent != null ? "<p>Paid: " + amount + " (" + session.paidWith + ").</p>" : """
                <p>Pay <strong>%s</strong> (session <code>%s</code>)</p>
                %s
                <form method="post" action="/c/pay/%s/cancel"><button>Cancel</button></form>"""
                .formatted(amount, session.id, buttons, session.id);
        return html("Stripe sandbox: Checkout", body);
    }

    private static String html(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head>
                <body><h1>%s</h1><p><em>Local Stripe sandbox: a stand-in for development, no money moves.</em></p>
                %s</body></html>""".formatted(title, title, body);
    }
}
