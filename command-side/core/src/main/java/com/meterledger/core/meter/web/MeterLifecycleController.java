package com.meterledger.core.meter.web;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.ReplaceMeter;
import com.meterledger.api.meter.DeclareRegisterRollover;
import com.meterledger.api.meter.DecommissionMeter;
import com.meterledger.api.meter.MeterId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A meter's life beyond readings: register rollover, replacement on an account, decommission. */
@RestController
@Tag(name = "Meter life cycle", description = "Declare a register rollover, replace an account's meter, decommission")
public class MeterLifecycleController {
    private final CommandGateway commands;

    public MeterLifecycleController(CommandGateway commands) {
        this.commands = commands;
    }

    public record DecommissionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record RolloverRequest(@NotNull @Positive @Digits(integer = 12, fraction = 3) BigDecimal rolloverAt,
                                  @NotBlank @Size(max = 500) String reason) {
    }

    public record ReplacementRequest(@NotBlank @Size(max = 64) String oldMeterId, @NotNull Instant oldFinalReadAt,
                                     @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal oldFinalRegister,
                                     @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                             @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal> oldFinalRegisters,
                                     @NotBlank @Size(max = 64) String newMeterId, @NotNull Instant newOpeningReadAt,
                                     @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal newOpeningRegister,
                                     @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                             @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal> newOpeningRegisters) {
    }

    @PostMapping("/api/meters/{meterId}/decommission")
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#meterId, 'meter', 'manage')")
    @Operation(summary = "Take a meter out of service for good (refused while it supplies an account); "
            + "it accepts no reading or supply command afterwards")
    public ResponseEntity<Void> decommission(@PathVariable String meterId,
                                             @Valid @RequestBody DecommissionRequest request) {
        commands.sendAndWait(new DecommissionMeter(new MeterId(meterId), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/meters/{meterId}/rollover")
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#meterId, 'meter', 'manage')")
    @Operation(summary = "Declare that the register wraps at `rolloverAt` (its maximum plus its resolution, e.g. "
            + "100000 for 99999.999): the next lower reading is charged across the wrap instead of being rejected")
    public ResponseEntity<Void> rollover(@PathVariable String meterId, @Valid @RequestBody RolloverRequest request) {
        commands.sendAndWait(new DeclareRegisterRollover(new MeterId(meterId), request.rolloverAt(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/accounts/{accountId}/meter-replacement")
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    @Operation(summary = "Replace the account's meter: the old meter's final reading is charged, the old meter is "
            + "decommissioned, the new meter continues the account from its opening reading")
    public ResponseEntity<Void> replace(@PathVariable String accountId, @Valid @RequestBody ReplacementRequest request) {
        commands.sendAndWait(new ReplaceMeter(new AccountId(accountId), new MeterId(request.oldMeterId()),
                request.oldFinalReadAt(), request.oldFinalRegister(), request.oldFinalRegisters(),
                new MeterId(request.newMeterId()), request.newOpeningReadAt(), request.newOpeningRegister(),
                request.newOpeningRegisters()));
        return ResponseEntity.noContent().build();
    }
}
