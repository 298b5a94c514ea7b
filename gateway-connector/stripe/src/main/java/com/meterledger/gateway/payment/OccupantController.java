package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountBalanceSummary;
import com.meterledger.api.account.FindAccountBalance;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.VerifyPaymentLink;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
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
import java.util.Map;
import java.util.Optional;

/**
 * The occupant's door: reachable only with a live payment-link token ({@link VerifyPaymentLink}), and only for the
 * account that token names. The JSON door for scripts and apps (balance, checkout); the pages people use are the
 * web UI's.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantController {
    private final QueryGateway queries;
    private final CheckoutService checkouts;

    public OccupantController(QueryGateway queries, CheckoutService checkouts) {
        this.queries = queries;
        this.checkouts = checkouts;
    }

    /** The occupant chooses the amount only: the account's currency is the only one there is. */
    public record OccupantCheckout(long amountMinor) {
    }

    public record OccupantBalance(String accountId, String currency, long balanceMinor, Instant lastReadAt) {
    }

    @GetMapping("/pay/{accountId}/balance")
    @PublicEndpoint("payment-link token (signed, expiring, one account, revocable), rate limited")
    @Operation(summary = "The balance of the one account a payment link grants")
    public ResponseEntity<?> balance(@PathVariable String accountId,
                                     @RequestParam(name = "token", required = false) String token) {
        Optional<PaymentLinkGrant> grant = verify(token);
        if (grant.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return problem(HttpStatus.UNAUTHORIZED, "Payment link invalid", "this payment link is invalid or has expired");
        }
        if (!grant.get().opens(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return problem(HttpStatus.NOT_FOUND, "Not found", "account " + accountId + " not found");
        }
        AccountBalanceSummary balance = balance(grant.get());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new OccupantBalance(balance.accountId().value(), balance.balance().currency().getCurrencyCode(),
                        balance.balance().minorUnits(), balance.lastReadAt()));
    }

    @PostMapping("/pay/{accountId}/checkout-sessions")
    @PublicEndpoint("payment-link token (signed, expiring, one account, revocable), rate limited")
    @Operation(summary = "Start a Stripe Checkout paying the chosen amount onto the one account a payment link grants")
    public ResponseEntity<?> checkout(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestBody OccupantCheckout request) {
        Optional<PaymentLinkGrant> grant = verify(token);
        if (grant.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return problem(HttpStatus.UNAUTHORIZED, "Payment link invalid", "this payment link is invalid or has expired");
        }
        if (!grant.get().opens(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return problem(HttpStatus.NOT_FOUND, "Not found", "account " + accountId + " not found");
        }
        TenantId tenant = grant.get().tenant();
        AccountBalanceSummary balance = balance(grant.get());
        CheckoutService.Started started = checkouts.start(tenant, grant.get().accountId(),
                Money.of(request.amountMinor(), balance.balance().currency().getCurrencyCode()),
                "payment-link:" + grant.get().linkId(), "payment-link");
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(Map.of("paymentId", started.paymentId(), "url", started.url()));
    }

    private Optional<PaymentLinkGrant> verify(String token) {
        return queries.query(new VerifyPaymentLink(token), ResponseTypes.optionalInstanceOf(PaymentLinkGrant.class))
                .join();
    }

    /** Read as the link's tenant: the occupant has no token of ours, so the grant is the tenant's only source. */
    private AccountBalanceSummary balance(PaymentLinkGrant grant) {
        return TenantContext.callAs(grant.tenant(), () -> queries.query(
                        new FindAccountBalance(grant.tenant(), grant.accountId()),
                        ResponseTypes.optionalInstanceOf(AccountBalanceSummary.class)).join())
                .orElseThrow(() -> new NotFound("account", grant.accountId().value()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
