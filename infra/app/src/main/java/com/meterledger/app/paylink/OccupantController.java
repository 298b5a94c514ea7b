package com.meterledger.app.paylink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.CheckoutService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import java.util.Map;

import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.query.account.AccountQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Optional;

/**
 * The occupant's door: reachable only with a live payment-link token, and only for the account that token names.
 * The JSON door for scripts and apps (balance, checkout); the pages people use are {@link OccupantPageController}'s.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantController {
    private final PaymentLinks links;
    private final AccountQueries accounts;
    private final CheckoutService checkouts;

    public OccupantController(PaymentLinks links, AccountQueries accounts, CheckoutService checkouts) {
        this.links = links;
        this.accounts = accounts;
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
        Optional<PaymentLinks.Grant> grant = links.verify(token);
        if (grant.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return problem(HttpStatus.UNAUTHORIZED, "Payment link invalid", "this payment link is invalid or has expired");
        }
        if (!grant.get().accountId().equals(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return problem(HttpStatus.NOT_FOUND, "Not found", "account " + accountId + " not found");
        }
        AccountQueries.AccountBalance balance = TenantContext.callAs(grant.get().tenant(),
                () -> accounts.balance(grant.get().tenant(), accountId));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new OccupantBalance(balance.accountId(), balance.currency(), balance.balanceMinor(),
                        balance.lastReadAt()));
    }

    @PostMapping("/pay/{accountId}/checkout-sessions")
    @PublicEndpoint("payment-link token (signed, expiring, one account, revocable), rate limited")
    @Operation(summary = "Start a Stripe Checkout paying the chosen amount onto the one account a payment link grants")
    public ResponseEntity<?> checkout(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestBody OccupantCheckout request) {
        Optional<PaymentLinks.Grant> grant = links.verify(token);
        if (grant.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return problem(HttpStatus.UNAUTHORIZED, "Payment link invalid", "this payment link is invalid or has expired");
        }
        if (!grant.get().accountId().equals(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return problem(HttpStatus.NOT_FOUND, "Not found", "account " + accountId + " not found");
        }
        TenantId tenant = grant.get().tenant();
        AccountQueries.AccountBalance balance = TenantContext.callAs(tenant, () -> accounts.balance(tenant, accountId));
        CheckoutService.Started started = checkouts.start(tenant, new AccountId(accountId),
                Money.of(request.amountMinor(), balance.currency()), "payment-link:" + grant.get().linkId(),
                "payment-link");
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(Map.of("paymentId", started.paymentId(), "url", started.url()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
