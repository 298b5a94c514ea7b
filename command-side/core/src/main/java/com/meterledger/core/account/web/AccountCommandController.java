package com.meterledger.core.account.web;

import com.meterledger.api.error.PlanLimitReached;
import com.meterledger.api.meter.CountActiveMeters;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindMeterAllowance;
import com.meterledger.core.account.PlanAllowance;
import io.swagger.v3.oas.annotations.Parameter;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AdjustBalance;
import com.meterledger.api.account.ApproveAdjustment;
import com.meterledger.api.account.CloseAccount;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.CreditPolicy;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.RefundBalance;
import com.meterledger.api.account.RegisterDebt;
import com.meterledger.api.account.Settlement;
import com.meterledger.api.account.SetCreditPolicy;
import com.meterledger.api.account.SetThresholds;
import com.meterledger.api.account.Thresholds;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.core.account.Account;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "Open prepaid accounts and top them up")
public class AccountCommandController {
    private final CommandGateway commands;
    private final QueryGateway queries;

    public AccountCommandController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public record OpenAccountRequest(@NotBlank @Size(max = 64) String accountId, @NotBlank @Size(max = 64) String unitId,
                                     @NotBlank @Size(max = 64) String meterId,
                                     @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                     @Size(max = 64) String tariffId,
                                     @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal pricePerUnitMinor,
                                     @NotNull Instant openingReadAt,
                                     @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal openingRegister,
                                     @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                             @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal> openingRegisters) {
    }

    public record TopUpRequest(@NotNull @Positive @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long amountMinor,
                               @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                               @NotBlank @Size(max = 128) String reference,
                               @Positive Long purchaseSequence) {
    }

    public record ThresholdsRequest(@NotNull Long firstWarningMinor, @NotNull Long secondWarningMinor,
                                    @NotNull Long cutOffMinor, @NotNull Long reconnectMinor) {
    }

    public record CreditPolicyRequest(@NotNull @PositiveOrZero @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long emergencyCreditMinor,
                                      @NotNull @PositiveOrZero @Max(100) Integer debtRecoveryPercent,
                                      @NotNull @PositiveOrZero @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long debtRecoveryCapMinor) {
    }

    public record RefundRequest(@NotNull @Positive @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long amountMinor,
                                @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record MoveOutRequest(@NotNull Instant finalReadAt,
                                 @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal finalRegister,
                                 @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                         @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal> finalRegisters,
                                 @NotNull Settlement settlement, @Size(max = 64) String transferTo) {
    }

    public record AdjustmentRequest(@NotBlank @Size(max = 64) String adjustmentId,
                                    @NotNull @Min(-Account.MAX_AMOUNT_MINOR_UNITS) @Max(Account.MAX_AMOUNT_MINOR_UNITS)
                                    Long amountMinor,
                                    @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record ApprovalRequest(@NotNull Boolean approve, @Size(max = 500) String note) {
    }

    public record DebtRequest(@NotNull @Positive @Max(Account.MAX_AMOUNT_MINOR_UNITS) Long amountMinor,
                              @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                              @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#request.unitId(), 'unit', 'manage')")
    @Operation(summary = "Move-in: open the prepaid account of a unit's meter with an opening reading, priced by "
            + "the tenant's tariff `tariffId`, or by a flat `pricePerUnitMinor` (a private flat tariff is created)")
    public ResponseEntity<Map<String, String>> open(@Parameter(hidden = true) TenantId tenant,
                                                    @Valid @RequestBody OpenAccountRequest request) {
        if ((request.tariffId() == null) == (request.pricePerUnitMinor() == null)) {
            throw new RuleViolation("account-tariff-required",
                    "an account needs either a tariffId or a flat pricePerUnitMinor, not both and not neither");
        }
        requireAllowance(tenant);
        AccountId accountId = new AccountId(request.accountId());
        boolean flat = request.pricePerUnitMinor() != null;
        TariffId tariffId = flat ? OpenAccount.privateTariffOf(accountId) : new TariffId(request.tariffId());
        commands.sendAndWait(new OpenAccount(accountId, new UnitId(request.unitId()),
                new MeterId(request.meterId()), Currency.getInstance(request.currency()), tariffId,
                flat ? new FlatTariff(request.pricePerUnitMinor()) : null, request.openingReadAt(),
                request.openingRegister(), request.openingRegisters()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("accountId", request.accountId(), "tariffId", tariffId.value()));
    }

    /**
     * Opening an account makes its meter active, which the platform bills and the tenant's plan limits. Checked before
     * the command (a race of two move-ins may pass one meter over the limit; the next is refused).
     */
    private void requireAllowance(TenantId tenant) {
        Long limit = queries.query(new FindMeterAllowance(tenant), Long.class).join();
        if (limit == null) {
            return;
        }
        Long active = queries.query(new CountActiveMeters(tenant), Long.class).join();
        if (PlanAllowance.oneMore(active == null ? 0 : active, limit) instanceof PlanAllowance.OverLimit over) {
            throw new PlanLimitReached(over.limit(), over.active());
        }
    }

    @PostMapping("/{accountId}/top-ups")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @Operation(summary = "Record a manual top-up; the reference makes it idempotent")
    public ResponseEntity<Map<String, String>> topUp(@PathVariable String accountId,
                                                     @Valid @RequestBody TopUpRequest request) {
        boolean credited = commands.sendAndWait(new RecordTopUp(new AccountId(accountId),
                Money.of(request.amountMinor(), request.currency()), request.reference(), request.purchaseSequence()));
        return credited
                ? ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "CREDITED"))
                : ResponseEntity.ok(Map.of("status", "DUPLICATE"));
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    @PutMapping("/{accountId}/thresholds")
    @Operation(summary = "Set the two warning levels, the cut-off level and the reconnect level (minor units)")
    public ResponseEntity<Void> thresholds(@PathVariable String accountId, @Valid @RequestBody ThresholdsRequest request) {
        commands.sendAndWait(new SetThresholds(new AccountId(accountId), new Thresholds(request.firstWarningMinor(),
                request.secondWarningMinor(), request.cutOffMinor(), request.reconnectMinor())));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PutMapping("/{accountId}/credit-policy")
    @Operation(summary = "Set the emergency credit and the share of each top-up that recovers debt")
    public ResponseEntity<Void> creditPolicy(@PathVariable String accountId,
                                             @Valid @RequestBody CreditPolicyRequest request) {
        commands.sendAndWait(new SetCreditPolicy(new AccountId(accountId), new CreditPolicy(
                request.emergencyCreditMinor(), request.debtRecoveryPercent(), request.debtRecoveryCapMinor())));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/{accountId}/debts")
    @Operation(summary = "Register debt to be recovered from future top-ups")
    public ResponseEntity<Void> debt(@PathVariable String accountId, @Valid @RequestBody DebtRequest request) {
        commands.sendAndWait(new RegisterDebt(new AccountId(accountId), Money.of(request.amountMinor(),
                request.currency()), request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/{accountId}/refunds")
    @Operation(summary = "Pay part of the balance back to the occupant")
    public ResponseEntity<Void> refund(@PathVariable String accountId, @Valid @RequestBody RefundRequest request) {
        commands.sendAndWait(new RefundBalance(new AccountId(accountId), Money.of(request.amountMinor(),
                request.currency()), request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    @PostMapping("/{accountId}/move-out")
    @Operation(summary = "Move-out: charge the final reading, settle the balance by refund or transfer, close")
    public ResponseEntity<Void> moveOut(@PathVariable String accountId, @Valid @RequestBody MoveOutRequest request) {
        commands.sendAndWait(new CloseAccount(new AccountId(accountId), request.finalReadAt(), request.finalRegister(),
                request.finalRegisters(),
                request.settlement(), request.transferTo() == null ? null : new AccountId(request.transferTo())));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/{accountId}/adjustments")
    @Operation(summary = "A manual correction with its reason; above the tenant's limit it waits for a second person")
    public ResponseEntity<Map<String, String>> adjust(@PathVariable String accountId,
                                                      @Valid @RequestBody AdjustmentRequest request) {
        String status = commands.sendAndWait(new AdjustBalance(new AccountId(accountId), request.adjustmentId(),
                Money.of(request.amountMinor(), request.currency()), request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", status));
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/{accountId}/adjustments/{adjustmentId}/decision")
    @Operation(summary = "A second person approves or rejects a pending adjustment")
    public Map<String, String> decide(@PathVariable String accountId, @PathVariable String adjustmentId,
                                      @Valid @RequestBody ApprovalRequest request) {
        String status = commands.sendAndWait(new ApproveAdjustment(new AccountId(accountId), adjustmentId,
                request.approve(), request.note()));
        return Map.of("status", status);
    }
}
