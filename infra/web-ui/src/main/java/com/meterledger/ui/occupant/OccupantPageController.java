package com.meterledger.ui.occupant;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountState;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.VerifyPaymentLink;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.core.settings.PaymentLimitsOf;
import com.meterledger.edge.security.ContentSecurityPolicy;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.gateway.payment.CheckoutService;
import com.meterledger.gateway.payment.StripeGateway;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.ui.FormOrigin;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.PageTexts;
import com.meterledger.ui.i18n.TenantPreferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The occupant's payment pages (mobile-first, server-rendered, {@code templates/pay/}): reached only with a live
 * payment-link token for the one account it names. The page shows the unit, the balance and recent consumption and
 * offers the tenant's preset amounts or a custom one within the tenant's limits; the form starts a Stripe Checkout
 * through {@link CheckoutService} and sends the browser there. The success page credits nothing: the signed webhook
 * does. A refusal is a page with its reason for a browser and an RFC 7807 problem for anything else.
 * <p>
 * CSRF: the form carries no ambient credential (no cookie, no session); its authority is the link token in a hidden
 * field, which a foreign site does not know. Cross-site posts are refused anyway, by {@link FormOrigin}: the form is a
 * navigation, not a script's request, so CORS does not guard it. Pages are served with
 * {@code Referrer-Policy: same-origin}, so the browser names our origin on the post and the token in the page's
 * address never reaches another site.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantPageController {
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,3})?");
    private static final String PUBLIC = "payment-link token (signed, expiring, one account, revocable), rate limited";
    private static final int RECENT_DAYS = 7;
    private static final int MONTH_DAYS = 30;

    private final QueryGateway queries;
    private final AccountQueries accounts;
    private final CheckoutService checkouts;
    private final PaymentLimitsOf limits;
    private final HtmlPages pages;
    private final PageTexts texts;
    private final PageFormats formats;
    private final String csp;
    private final FormOrigin formOrigin;

    public OccupantPageController(QueryGateway queries, AccountQueries accounts, CheckoutService checkouts,
                                  PaymentLimitsOf limits, HtmlPages pages, PageTexts texts, PageFormats formats,
                                  @Value("${meterledger.auth.payment-links.base-url:}") String linkBaseUrl,
                                  @Value("${meterledger.pay.checkout-origin:https://checkout.stripe.com}")
                                  String checkoutOrigin) {
        this.queries = queries;
        this.accounts = accounts;
        this.checkouts = checkouts;
        this.limits = limits;
        this.pages = pages;
        this.texts = texts;
        this.formats = formats;
        // the form's answer redirects to Stripe Checkout: form-action must allow it, or browsers stop the redirect
        this.csp = ContentSecurityPolicy.allowingFormsTo(checkoutOrigin);
        this.formOrigin = new FormOrigin(linkBaseUrl);
    }

    /** What a token opens: the occupant's account, or a refusal. */
    private sealed interface Door permits Refusal, Occupant {
    }

    /** A refusal: its status, title and the reason shown to the occupant, in the occupant's language. */
    private record Refusal(HttpStatus status, String title, String reason, String rule) implements Door {
    }

    /** A refusal in words of the bundles: {@code pay.refused.<key>.title} and {@code .reason} with its arguments. */
    private Refusal refusal(HttpStatus status, String key, String rule, Object... arguments) {
        return new Refusal(status, texts.text("pay.refused." + key + ".title"),
                texts.text("pay.refused." + key + ".reason", arguments), rule);
    }

    private record Occupant(PaymentLinkGrant grant, AccountQueries.AccountBalance account) implements Door {
        TenantId tenant() {
            return grant.tenant();
        }
    }

    public record Preset(long minor, String label) {
    }

    public record Day(LocalDate date, String quantity, String cost) {
    }

    private record Consumption(List<Day> days, String lastMonth) {
    }

    @GetMapping("/pay/{accountId}")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The occupant's payment page: unit, balance, recent consumption, amounts to pay (HTML)")
    public ResponseEntity<?> page(@PathVariable String accountId,
                                  @RequestParam(name = "token", required = false) String token,
                                  HttpServletRequest request) {
        return switch (open(accountId, token)) {
            case Refusal refusal -> refuse(request, refusal);
            case Occupant occupant -> form(HttpStatus.OK, occupant, token, null, null);
        };
    }

    @PostMapping("/pay/{accountId}/checkout")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The payment page's form: start a Stripe Checkout for the chosen amount and go there")
    public ResponseEntity<?> checkout(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestParam(name = "presetMinor", required = false) String presetMinor,
                                      @RequestParam(name = "amount", required = false) String amount,
                                      @RequestParam(name = "currency", required = false) String currency,
                                      HttpServletRequest request) {
        if (formOrigin.crossSite(request)) {
            SecurityEvents.log("payment_link_refused", "cross-site form post");
            return refuse(request, refusal(HttpStatus.FORBIDDEN, "cross-site", "cross-site-form"));
        }
        Door door = open(accountId, token);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        String accountCurrency = occupant.account().currency();
        if (currency != null && !currency.isBlank() && !currency.equals(accountCurrency)) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    "currency", "currency-mismatch", accountCurrency, currency));
        }
        Optional<Long> minor = minorUnits(presetMinor, amount, Currency.getInstance(accountCurrency));
        if (minor.isEmpty()) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.BAD_REQUEST, "amount",
                    "amount-invalid"));
        }
        PaymentLimits tenantLimits = limits.of(occupant.tenant().value());
        if (!tenantLimits.judge(minor.get()).allowed()) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    "range", PaymentLimits.AMOUNT_RULE, format(tenantLimits.minimumMinor(), accountCurrency),
                    format(tenantLimits.maximumMinor(), accountCurrency)));
        }
        CheckoutService.Started started;
        try {
            started = checkouts.start(occupant.tenant(), new AccountId(accountId), Money.of(minor.get(), accountCurrency),
                    "payment-link:" + occupant.grant().linkId(), "payment-link");
        } catch (RuleViolation e) {
            return retry(request, occupant, token, amount, new Refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    texts.text("pay.refused.payment.title"), texts.rule(e.rule(), e.getMessage()), e.rule()));
        } catch (StripeGateway.StripeUnavailable e) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.BAD_GATEWAY, "provider",
                    "payment-provider-unavailable"));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(started.url())).build();
    }

    @GetMapping("/pay/success")
    @PublicEndpoint("a static page without any account data")
    @Operation(summary = "Where Stripe Checkout sends the occupant after paying (HTML); it credits nothing itself")
    public ResponseEntity<String> success() {
        return pages.render(HttpStatus.OK, "pay/success", Map.of());
    }

    @GetMapping("/pay/cancel")
    @PublicEndpoint("a static page without any account data")
    @Operation(summary = "Where Stripe Checkout sends the occupant who cancelled (HTML)")
    public ResponseEntity<String> cancel() {
        return pages.render(HttpStatus.OK, "pay/cancel", Map.of());
    }

    /** The occupant a live token grants for this account, or why not. */
    private Door open(String accountId, String token) {
        Optional<PaymentLinkGrant> grant = queries.query(new VerifyPaymentLink(token),
                ResponseTypes.optionalInstanceOf(PaymentLinkGrant.class)).join();
        if (grant.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return refusal(HttpStatus.UNAUTHORIZED, "link", "payment-link-invalid");
        }
        if (!grant.get().opens(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return refusal(HttpStatus.NOT_FOUND, "not-found", "not-found", accountId);
        }
        TenantId tenant = grant.get().tenant();
        // from here on the page speaks the tenant's language (unless the occupant chose) and keeps its clock
        TenantPreferences.forTenant(tenant.value());
        AccountQueries.AccountBalance account = TenantContext.callAs(tenant, () -> accounts.balance(tenant, accountId));
        if (account.closedAt() != null) {
            return refusal(HttpStatus.UNPROCESSABLE_ENTITY, "closed", "account-closed");
        }
        return new Occupant(grant.get(), account);
    }

    private ResponseEntity<?> form(HttpStatus status, Occupant occupant, String token, String amount, Refusal error) {
        AccountQueries.AccountBalance account = occupant.account();
        String tenant = occupant.tenant().value();
        String currency = account.currency();
        Map<String, Object> model = new HashMap<>();
        model.put("accountId", account.accountId());
        model.put("unitId", account.unitId());
        model.put("fmt", formats.current());
        model.put("balance", format(account.balanceMinor(), currency));
        model.put("low", account.depleted() || account.warningLevel() > 0);
        model.put("supplyOff", account.state().supply().confirmed() == AccountState.Position.OFF);
        Consumption consumption = consumption(occupant);
        model.put("days", consumption.days());
        model.put("lastMonth", consumption.lastMonth());
        PaymentLimits tenantLimits = limits.of(tenant);
        model.put("presets", tenantLimits.presetsMinor().stream().map(p -> new Preset(p, format(p, currency))).toList());
        model.put("minimum", format(tenantLimits.minimumMinor(), currency));
        model.put("maximum", format(tenantLimits.maximumMinor(), currency));
        model.put("currency", currency);
        model.put("token", token);
        model.put("amount", amount == null ? "" : amount);
        model.put("error", error == null ? null : error.reason());
        ResponseEntity<String> page = pages.render(status, "pay/page", model);
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header("Content-Security-Policy", csp).body(page.getBody());
    }

    /**
     * What the account was charged per day (of the tenant's clock) over the last week, newest first, and over the last
     * 30 days.
     */
    private Consumption consumption(Occupant occupant) {
        Instant to = Instant.now();
        ZoneId zone = formats.current().zone();
        LocalDate firstDay = to.atZone(zone).toLocalDate().minusDays(RECENT_DAYS - 1);
        AccountQueries.Statement statement = TenantContext.callAs(occupant.tenant(),
                () -> accounts.statement(occupant.tenant(), occupant.account().accountId(),
                        to.minus(Duration.ofDays(MONTH_DAYS)), to));
        TreeMap<LocalDate, long[]> costs = new TreeMap<>();
        TreeMap<LocalDate, BigDecimal> quantities = new TreeMap<>();
        long month = 0;
        for (AccountQueries.StatementLine line : statement.lines()) {
            if (!"CHARGE".equals(line.kind())) {
                continue;
            }
            month -= line.amountMinor();
            LocalDate day = line.at().atZone(zone).toLocalDate();
            if (!day.isBefore(firstDay)) {
                costs.computeIfAbsent(day, d -> new long[1])[0] -= line.amountMinor();
                quantities.merge(day, line.quantity() == null ? BigDecimal.ZERO : line.quantity(), BigDecimal::add);
            }
        }
        List<Day> days = new ArrayList<>();
        costs.descendingMap().forEach((day, cost) -> days.add(new Day(day,
                quantities.get(day).stripTrailingZeros().toPlainString(), format(cost[0], statement.currency()))));
        return new Consumption(days, format(month, statement.currency()));
    }

    /** The form again with the reason, for a browser; a problem for anything else. Nothing was created. */
    private ResponseEntity<?> retry(HttpServletRequest request, Occupant occupant, String token, String amount,
                                    Refusal refusal) {
        return wantsHtml(request) ? form(refusal.status(), occupant, token, amount, refusal) : problem(refusal);
    }

    private ResponseEntity<?> refuse(HttpServletRequest request, Refusal refusal) {
        if (!wantsHtml(request)) {
            return problem(refusal);
        }
        return pages.render(refusal.status(), "pay/problem", Map.of("title", refusal.title(),
                "reason", refusal.reason()));
    }

    /** The problem in the occupant's language ({@code title}, {@code detail}); {@code rule} stays a stable code. */
    private static ResponseEntity<ProblemDetail> problem(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.reason());
        problem.setTitle(refusal.title());
        problem.setProperty("rule", refusal.rule());
        return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /** A preset (minor units) or a typed amount in major units with at most the currency's decimals. */
    private static Optional<Long> minorUnits(String presetMinor, String amount, Currency currency) {
        try {
            if (presetMinor != null && !presetMinor.isBlank()) {
                return Optional.of(Long.parseLong(presetMinor.strip()));
            }
            if (amount == null) {
                return Optional.empty();
            }
            String typed = amount.strip().replace(',', '.');
            if (!AMOUNT.matcher(typed).matches()) {
                return Optional.empty();
            }
            BigDecimal major = new BigDecimal(typed);
            if (major.scale() > currency.getDefaultFractionDigits()) {
                return Optional.empty();
            }
            return Optional.of(major.movePointRight(currency.getDefaultFractionDigits()).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** An amount as the occupant's language writes it ({@code 25.00 CNY}, {@code ¥25.00}). */
    private String format(long minor, String currency) {
        return formats.current().money(minor, currency);
    }
}
