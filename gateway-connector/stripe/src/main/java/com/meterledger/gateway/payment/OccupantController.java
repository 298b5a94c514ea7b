package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountBalanceSummary;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindAccountBalance;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.VerifyPaymentLink;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.FormOrigin;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.RememberedPhones;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The occupant's JSON door for scripts and apps (balance, checkout); the pages people use are the web UI's. It opens,
 * for the one account in the address, to a live payment-link token ({@link VerifyPaymentLink}) for that account, or,
 * without one, to the phone the occupant let the portal remember for it ({@link RememberedPhones}, the same check as
 * the portal's pages). The token is asked first; the phone's cookie answers only when there is no live token.
 * <p>
 * The cookie is an ambient credential, so a checkout it authorises must come from our own site: another site's post
 * is refused by {@link FormOrigin} before the cookie is read (the portal's forms' rule). A token's post keeps the
 * rule it had: the token, which another site does not know, decides.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantController {
    private static final String PUBLIC = "payment-link token (signed, expiring, one account, revocable) or a remembered "
            + "phone's cookie (random, only its hash stored, one account, revocable), rate limited";

    private final QueryGateway queries;
    private final CheckoutService checkouts;
    private final RememberedPhones phones;
    private final FormOrigin formOrigin;
    /** The texts people read (the web UI's bundles): a refusal reaches the occupant's phone in their language. */
    private final MessageSource messages;

    public OccupantController(QueryGateway queries, CheckoutService checkouts, RememberedPhones phones,
                              @Value("${meterledger.auth.payment-links.base-url:}") String linkBaseUrl,
                              MessageSource messages) {
        this.messages = messages;
        this.queries = queries;
        this.checkouts = checkouts;
        this.phones = phones;
        this.formOrigin = new FormOrigin(linkBaseUrl);
    }

    /** The occupant chooses the amount only: the account's currency is the only one there is. */
    public record OccupantCheckout(long amountMinor) {
    }

    public record OccupantBalance(String accountId, String currency, long balanceMinor, Instant lastReadAt) {
    }

    /** Who opened the door for the account: the link or the remembered phone, named as they are in events and logs. */
    private record Occupant(TenantId tenant, AccountId accountId, String actor, String origin) {
    }

    @GetMapping("/pay/{accountId}/balance")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The balance of the one account a payment link or a remembered phone opens")
    public ResponseEntity<?> balance(@PathVariable String accountId,
                                     @RequestParam(name = "token", required = false) String token,
                                     HttpServletRequest request) {
        Optional<PaymentLinkGrant> link = verify(token);
        if (link.isPresent() && !link.get().opens(accountId)) {
            return misused(link.get(), accountId);
        }
        RememberedPhones.Phone phone = phone(link, accountId, request);
        Optional<Occupant> occupant = occupant(link, phone);
        if (occupant.isEmpty()) {
            return refused(request, accountId, phone);
        }
        AccountBalanceSummary balance = balance(occupant.get());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new OccupantBalance(balance.accountId().value(), balance.balance().currency().getCurrencyCode(),
                        balance.balance().minorUnits(), balance.lastReadAt()));
    }

    @PostMapping("/pay/{accountId}/checkout-sessions")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "Start a Stripe Checkout paying the chosen amount onto the one account a payment link or a "
            + "remembered phone opens")
    public ResponseEntity<?> checkout(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestBody OccupantCheckout request, HttpServletRequest http) {
        Optional<PaymentLinkGrant> link = verify(token);
        if (link.isPresent() && !link.get().opens(accountId)) {
            return misused(link.get(), accountId);
        }
        if (link.isEmpty() && formOrigin.crossSite(http)) {
            SecurityEvents.log("payment_link_refused", "cross-site post");
            return refusal(HttpStatus.FORBIDDEN, "cross-site", "cross-site-form");
        }
        RememberedPhones.Phone phone = phone(link, accountId, http);
        Optional<Occupant> occupant = occupant(link, phone);
        if (occupant.isEmpty()) {
            return refused(http, accountId, phone);
        }
        AccountBalanceSummary balance = balance(occupant.get());
        CheckoutService.Started started = checkouts.start(occupant.get().tenant(), occupant.get().accountId(),
                Money.of(request.amountMinor(), balance.balance().currency().getCurrencyCode()),
                occupant.get().actor(), occupant.get().origin());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(Map.of("paymentId", started.paymentId(), "url", started.url()));
    }

    private Optional<PaymentLinkGrant> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return queries.query(new VerifyPaymentLink(token), ResponseTypes.optionalInstanceOf(PaymentLinkGrant.class))
                .join();
    }

    /** The request's remembered phone for the account, asked only when there is no live link. */
    private RememberedPhones.Phone phone(Optional<PaymentLinkGrant> link, String accountId,
                                         HttpServletRequest request) {
        return link.isPresent() ? new RememberedPhones.NotRemembered() : phones.of(accountId, request);
    }

    private static Optional<Occupant> occupant(Optional<PaymentLinkGrant> link, RememberedPhones.Phone phone) {
        if (link.isPresent()) {
            return Optional.of(new Occupant(link.get().tenant(), link.get().accountId(),
                    "payment-link:" + link.get().linkId(), "payment-link"));
        }
        if (phone instanceof RememberedPhones.Opens opens) {
            return Optional.of(new Occupant(opens.grant().tenant(), opens.grant().accountId(),
                    "remembered-device:" + opens.grant().deviceId(), "remembered-device"));
        }
        return Optional.empty();
    }

    /** A live link shown at another account's door: nothing of that account, as if it did not exist. */
    private ResponseEntity<ProblemDetail> misused(PaymentLinkGrant link, String accountId) {
        SecurityEvents.log("payment_link_misused", "link " + link.linkId() + " used for another account");
        Locale reader = LocaleContextHolder.getLocale();
        return problem(HttpStatus.NOT_FOUND, messages.getMessage("pay.refused.not-found.title", null, reader),
                messages.getMessage("pay.refused.not-found.reason", new Object[]{accountId}, reader));
    }

    /**
     * Neither a live link nor a live phone of this account: the link's refusal. A phone cookie the request carried
     * opens nothing here (ended, expired, another account's), so the answer drops it, as the portal's pages do.
     */
    private ResponseEntity<ProblemDetail> refused(HttpServletRequest request, String accountId,
                                                  RememberedPhones.Phone phone) {
        SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
        ResponseEntity<ProblemDetail> refused = refusal(HttpStatus.UNAUTHORIZED, "link", "payment-link-invalid");
        if (!(phone instanceof RememberedPhones.OpensNothing)) {
            return refused;
        }
        return ResponseEntity.status(refused.getStatusCode())
                .header(HttpHeaders.SET_COOKIE, phones.dropped(request, accountId).toString()).body(refused.getBody());
    }

    /** Read as the link's or the phone's tenant: the occupant has no token of ours, so the grant is its only source. */
    private AccountBalanceSummary balance(Occupant occupant) {
        return TenantContext.callAs(occupant.tenant(), () -> queries.query(
                        new FindAccountBalance(occupant.tenant(), occupant.accountId()),
                        ResponseTypes.optionalInstanceOf(AccountBalanceSummary.class)).join())
                .orElseThrow(() -> new NotFound("account", occupant.accountId().value()));
    }

    /**
     * A refusal in the reader's language, in the portal's words: title {@code pay.refused.<key>.title}, detail
     * {@code problem.rule.<rule>}; {@code rule} stays a stable code for programs.
     */
    private ResponseEntity<ProblemDetail> refusal(HttpStatus status, String key, String rule) {
        Locale reader = LocaleContextHolder.getLocale();
        ResponseEntity<ProblemDetail> refused = problem(status, messages.getMessage("pay.refused." + key + ".title",
                null, reader), messages.getMessage("problem.rule." + rule, null, reader));
        refused.getBody().setProperty("rule", rule);
        return refused;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
