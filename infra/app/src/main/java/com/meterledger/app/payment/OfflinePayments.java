package com.meterledger.app.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.app.web.HtmlPages;
import com.meterledger.core.account.Account;
import com.meterledger.core.config.PaymentProperties;
import com.meterledger.gateway.notification.Amounts;
import com.meterledger.query.account.AccountQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Cash-desk and bank-transfer top-ups recorded by finance staff, and their printable receipts; the API and the web UI
 * both record through here. The receipt number is the idempotency key within the tenant (the same number again:
 * no-op; with another account, amount, currency or method: 409) and, prefixed, the top-up's reference, so the
 * account's own rules apply unchanged: its currency, its range, the purchase sequence (a reused number refused, a
 * skipped one flagged).
 */
@Service
public class OfflinePayments {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CommandGateway commands;
    private final OfflineReceipts receipts;
    private final AccountQueries accounts;
    private final PaymentProperties limits;
    private final HtmlPages pages;

    public OfflinePayments(CommandGateway commands, OfflineReceipts receipts, AccountQueries accounts,
                           PaymentProperties limits, HtmlPages pages) {
        this.commands = commands;
        this.receipts = receipts;
        this.accounts = accounts;
        this.limits = limits;
        this.pages = pages;
    }

    public enum Method { CASH, BANK_TRANSFER }

    public record OfflinePaymentRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String receiptNumber,
            @NotNull @Positive @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long amountMinor,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull Method method,
            @Positive Long purchaseSequence) {
    }

    /** What a recording did: CREDITED (new) or DUPLICATE (this receipt was credited before). */
    public record Recorded(String status, OfflineReceipts.Receipt receipt) {
        public boolean created() {
            return status.equals("CREDITED");
        }

        public Map<String, Object> answer() {
            return Map.of("status", status, "receiptNumber", receipt.receiptNumber(), "accountId", receipt.accountId(),
                    "amountMinor", receipt.amountMinor(), "currency", receipt.currency(),
                    "balanceAfterMinor", receipt.balanceAfterMinor(), "creditedAt", receipt.creditedAt().toString(),
                    "receiptUrl", "/api/accounts/" + receipt.accountId() + "/receipts/" + receipt.receiptNumber());
        }
    }

    /** The receipt number was used for another payment: 409 with rule {@code receipt-number-used}. */
    public static final class ReceiptNumberUsed extends ResponseStatusException {
        ReceiptNumberUsed(String receiptNumber) {
            super(HttpStatus.CONFLICT, "receipt number " + receiptNumber + " was already used for another payment");
            getBody().setTitle("Receipt number used");
            getBody().setProperty("rule", "receipt-number-used");
        }
    }

    /** Records a validated request (the caller checks its constraints: {@code @Valid} or a {@code Validator}). */
    public Recorded record(TenantId tenant, String accountId, OfflinePaymentRequest request) {
        long minimum = limits.minimumOf(tenant.value());
        long maximum = limits.maximumOf(tenant.value());
        if (request.amountMinor() < minimum || request.amountMinor() > maximum) {
            throw new RuleViolation("payment-amount-out-of-limits", "a payment must be between " + minimum + " and "
                    + maximum + " minor units, not " + request.amountMinor());
        }
        AccountQueries.AccountBalance account = accounts.balance(tenant, accountId);
        String actor = Caller.actor().map(a -> a.id()).orElse("unknown");
        OfflineReceipts.Receipt wanted = new OfflineReceipts.Receipt(tenant.value(), request.receiptNumber(),
                accountId, account.unitId(), request.method().name(), request.amountMinor(), request.currency(),
                request.purchaseSequence(), actor, null, null, null);
        Optional<OfflineReceipts.Receipt> held = receipts.claim(tenant, wanted);
        if (held.isPresent() && !held.get().sameRequestAs(wanted)) {
            throw new ReceiptNumberUsed(request.receiptNumber());
        }
        if (held.isPresent() && held.get().creditedAt() != null) {
            return new Recorded("DUPLICATE", held.get());
        }
        // new, or claimed by an attempt that has not finished: the top-up is idempotent by its reference
        try {
            commands.sendAndWait(new RecordTopUp(new AccountId(accountId),
                    Money.of(request.amountMinor(), request.currency()),
                    OfflineReceipts.REFERENCE_PREFIX + request.receiptNumber(), request.purchaseSequence()));
        } catch (RuntimeException e) {
            if (held.isEmpty()) {
                receipts.release(tenant, request.receiptNumber());
            }
            throw e;
        }
        OfflineReceipts.Receipt recorded = receipts.find(tenant, request.receiptNumber()).orElseThrow();
        if (recorded.creditedAt() == null) {
            // the account already holds a credit with this reference from elsewhere (a manual top-up)
            receipts.release(tenant, request.receiptNumber());
            throw new ReceiptNumberUsed(request.receiptNumber());
        }
        return new Recorded(held.isEmpty() ? "CREDITED" : "DUPLICATE", recorded);
    }

    /** The printable receipt (HTML) of a credited offline payment of this account. */
    public ResponseEntity<String> receiptPage(TenantId tenant, String accountId, String receiptNumber) {
        OfflineReceipts.Receipt receipt = receipts.find(tenant, receiptNumber)
                .filter(r -> r.accountId().equals(accountId) && r.creditedAt() != null)
                .orElseThrow(() -> new NotFound("receipt", receiptNumber));
        return pages.render(HttpStatus.OK, "receipts/receipt", Map.of(
                "tenant", receipt.tenant(),
                "receipt", receipt,
                "method", receipt.method().equals(Method.CASH.name()) ? "Cash" : "Bank transfer",
                "amount", Amounts.format(Money.of(receipt.amountMinor(), receipt.currency())),
                "balanceAfter", Amounts.format(Money.of(receipt.balanceAfterMinor(), receipt.currency())),
                "creditedAt", TIME.format(receipt.creditedAt())));
    }
}
