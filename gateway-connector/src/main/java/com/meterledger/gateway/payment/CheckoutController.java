package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.RecordCheckoutIssued;
import com.meterledger.api.payment.RequestPayment;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/**
 * Landlord staff start a Stripe Checkout for an account. The payment is requested first (account known in the caller's
 * tenant, open, its currency, within the tenant's limits), then the session is created at Stripe and recorded as ours:
 * that record is how the webhook later finds tenant, account and payment.
 */
@RestController
@Tag(name = "Payments", description = "Stripe Checkout payments onto prepaid accounts")
public class CheckoutController {
    private final CommandGateway commands;
    private final StripeGateway stripe;
    private final PaymentRecords records;

    public CheckoutController(CommandGateway commands, StripeGateway stripe, PaymentRecords records) {
        this.commands = commands;
        this.stripe = stripe;
        this.records = records;
    }

    public record CheckoutRequest(long amountMinor, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/api/accounts/{accountId}/checkout-sessions")
    @Operation(summary = "Create a Stripe Checkout Session paying the amount onto the account")
    public ResponseEntity<Map<String, String>> create(@Parameter(hidden = true) TenantId tenant,
                                                      @PathVariable String accountId,
                                                      @Valid @RequestBody CheckoutRequest request) {
        AccountId account = new AccountId(accountId);
        PaymentId payment = new PaymentId("pay-" + UUID.randomUUID());
        Money amount = Money.of(request.amountMinor(), request.currency());
        commands.sendAndWait(new RequestPayment(payment, account, amount));
        StripeGateway.CheckoutSession session = stripe.createCheckoutSession(
                new StripeGateway.CheckoutRequest(payment, account, amount, "Prepaid top-up " + accountId));
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        records.record(tenant, payment, account, session.id(), amount, actor);
        commands.sendAndWait(new RecordCheckoutIssued(payment, session.id()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("paymentId", payment.value(),
                "checkoutSessionId", session.id(), "url", session.url() == null ? "" : session.url()));
    }

    @ExceptionHandler(StripeGateway.StripeUnavailable.class)
    ResponseEntity<ProblemDetail> stripeUnavailable(StripeGateway.StripeUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "the payment provider could not create the checkout; nothing was charged");
        problem.setTitle("Payment provider unavailable");
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
