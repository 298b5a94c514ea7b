package com.meterledger.core.payment.web;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindUnitOfAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.payment.ClaimReceiptNumber;
import com.meterledger.api.payment.FindOfflineReceipt;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.api.payment.ReleaseReceiptNumber;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.core.account.Account;
import com.meterledger.core.settings.PaymentLimitsOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;
import java.util.Optional;

/**
 * Cash-desk and bank-transfer top-ups recorded by finance staff; the API and the web UI both record through here.
 * The receipt number is the idempotency key within the tenant (the same number again: no-op; with another account,
 * amount, currency or method: 409) and, prefixed, the top-up's reference, so the account's own rules apply
 * unchanged: its currency, its range, the purchase sequence (a reused number refused, a skipped one flagged). The
 * receipts themselves are the query side's ({@link ClaimReceiptNumber}, {@link FindOfflineReceipt}).
 */
@Service
public class OfflinePayments {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PaymentLimitsOf limits;

    public OfflinePayments(CommandGateway commands, QueryGateway queries, PaymentLimitsOf limits) {
        this.commands = commands;
        this.queries = queries;
        this.limits = limits;
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
    public record Recorded(String status, OfflineReceipt receipt) {
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
        limits.of(tenant.value()).require(request.amountMinor());
        UnitId unit = queries.query(new FindUnitOfAccount(tenant, new AccountId(accountId)),
                        ResponseTypes.optionalInstanceOf(UnitId.class)).join()
                .orElseThrow(() -> new NotFound("account", accountId));
        ClaimReceiptNumber claim = new ClaimReceiptNumber(request.receiptNumber(), accountId, unit.value(),
                request.method().name(), request.amountMinor(), request.currency(), request.purchaseSequence());
        Optional<OfflineReceipt> held = commands.sendAndWait(claim);
        if (held.isPresent() && !held.get().sameRequestAs(claim)) {
            throw new ReceiptNumberUsed(request.receiptNumber());
        }
        if (held.isPresent() && held.get().credited()) {
            return new Recorded("DUPLICATE", held.get());
        }
        // new, or claimed by an attempt that has not finished: the top-up is idempotent by its reference
        try {
            commands.sendAndWait(new RecordTopUp(new AccountId(accountId),
                    Money.of(request.amountMinor(), request.currency()), claim.reference(), request.purchaseSequence()));
        } catch (RuntimeException e) {
            if (held.isEmpty()) {
                commands.sendAndWait(new ReleaseReceiptNumber(request.receiptNumber()));
            }
            throw e;
        }
        OfflineReceipt recorded = receipt(tenant, request.receiptNumber()).orElseThrow();
        if (!recorded.credited()) {
            // the account already holds a credit with this reference from elsewhere (a manual top-up)
            commands.sendAndWait(new ReleaseReceiptNumber(request.receiptNumber()));
            throw new ReceiptNumberUsed(request.receiptNumber());
        }
        return new Recorded(held.isEmpty() ? "CREDITED" : "DUPLICATE", recorded);
    }

    private Optional<OfflineReceipt> receipt(TenantId tenant, String receiptNumber) {
        return queries.query(new FindOfflineReceipt(tenant, receiptNumber),
                ResponseTypes.optionalInstanceOf(OfflineReceipt.class)).join();
    }
}
