package com.meterledger.core.meter.web;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRejection;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Utility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import java.util.Map;

@RestController
@RequestMapping("/api/meters")
@Tag(name = "Meters", description = "Register meters and record cumulative register readings")
public class MeterController {
    private final CommandGateway commands;

    public MeterController(CommandGateway commands) {
        this.commands = commands;
    }

    public record RegisterMeterRequest(@NotBlank @Size(max = 64) String meterId, @NotBlank @Size(max = 64) String unitId,
                                       @NotNull Utility utility, @NotBlank @Size(max = 64) String serialNumber) {
    }

    public record ReadingRequest(@NotNull Instant readAt,
                                 @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal registerValue,
                                 @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                         @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 3) BigDecimal> registers) {
    }

    @PostMapping
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#request.unitId(), 'unit', 'manage')")
    @Operation(summary = "Register a meter in one of the tenant's units")
    public ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterMeterRequest request) {
        commands.sendAndWait(new RegisterMeter(new MeterId(request.meterId()), new UnitId(request.unitId()),
                request.utility(), request.serialNumber()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("meterId", request.meterId()));
    }

    @PostMapping("/{meterId}/readings")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'GATEWAY') or hasPermission(#meterId, 'meter', 'manage')")
    @Operation(summary = "Record a cumulative register reading (the total, plus each time-of-use register's value "
            + "for a time-of-use meter); consumption since the last reading is charged by the account's tariff")
    public ResponseEntity<?> recordReading(@PathVariable String meterId, @Valid @RequestBody ReadingRequest request) {
        ReadingOutcome outcome = commands.sendAndWait(
                new RecordReading(new MeterId(meterId), request.readAt(), request.registerValue(),
                        request.registers()));
        return switch (outcome.status()) {
            case ACCEPTED -> ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "ACCEPTED"));
            case DUPLICATE -> ResponseEntity.ok(Map.of("status", "DUPLICATE"));
            // the edge words the problem in the reader's language, with the rule and the specific reason's figures
            case REJECTED -> throw new ReadingRejection(outcome);
            // a single RecordReading throws NotFound / RuleViolation instead; these statuses are batch-only
            case NOT_FOUND, REFUSED -> throw new IllegalStateException("unexpected outcome " + outcome);
        };
    }
}
