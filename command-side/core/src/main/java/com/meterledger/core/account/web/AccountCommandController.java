package com.meterledger.core.account.web;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.core.account.Account;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
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

    public AccountCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    public record OpenAccountRequest(@NotBlank @Size(max = 64) String accountId, @NotBlank @Size(max = 64) String unitId,
                                     @NotBlank @Size(max = 64) String meterId,
                                     @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                     @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal pricePerUnitMinor,
                                     @NotNull Instant openingReadAt,
                                     @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal openingRegister) {
    }

    public record TopUpRequest(@NotNull @Positive @Max(Account.MAX_TOP_UP_MINOR_UNITS) Long amountMinor,
                               @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                               @NotBlank @Size(max = 128) String reference) {
    }

    @PostMapping
    @PreAuthorize("hasRole('TENANT_ADMIN') or @access.managesUnit(#request.unitId())")
    @Operation(summary = "Move-in: open the prepaid account of a unit's meter with a flat tariff and an opening reading")
    public ResponseEntity<Map<String, String>> open(@Valid @RequestBody OpenAccountRequest request) {
        commands.sendAndWait(new OpenAccount(new AccountId(request.accountId()), new UnitId(request.unitId()),
                new MeterId(request.meterId()), Currency.getInstance(request.currency()),
                new FlatTariff(request.pricePerUnitMinor()), request.openingReadAt(), request.openingRegister()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("accountId", request.accountId()));
    }

    @PostMapping("/{accountId}/top-ups")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @Operation(summary = "Record a manual top-up; the reference makes it idempotent")
    public ResponseEntity<Map<String, String>> topUp(@PathVariable String accountId,
                                                     @Valid @RequestBody TopUpRequest request) {
        boolean credited = commands.sendAndWait(new RecordTopUp(new AccountId(accountId),
                Money.of(request.amountMinor(), request.currency()), request.reference()));
        return credited
                ? ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "CREDITED"))
                : ResponseEntity.ok(Map.of("status", "DUPLICATE"));
    }
}
