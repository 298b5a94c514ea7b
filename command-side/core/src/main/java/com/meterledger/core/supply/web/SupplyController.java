package com.meterledger.core.supply.web;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.RequestSupplyChange;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Supply", description = "Cut, restore and protect meters; gateways acknowledge control commands")
public class SupplyController {
    private static final int MAX_BATCH = 1_000;
    private final CommandGateway commands;

    public SupplyController(CommandGateway commands) {
        this.commands = commands;
    }

    public record ProtectionRequest(@NotNull Boolean protect, @NotBlank @Size(max = 500) String reason) {
    }

    public record SupplyChangeRequest(@NotNull SupplyAction action, @NotBlank @Size(max = 500) String reason) {
    }

    public record AcknowledgementRequest(@NotNull Boolean executed, @Size(max = 500) String detail) {
    }

    public enum BatchAction { CUT, RESTORE, PROTECT, UNPROTECT }

    public record BatchRequest(@NotNull BatchAction action, @NotEmpty @Size(max = MAX_BATCH) List<@NotBlank String> meterIds,
                               @NotBlank @Size(max = 500) String reason) {
    }

    /** One meter's result in a batch: {@code outcome} is DONE, NOT_FOUND or REFUSED, with the reason for the latter. */
    public record BatchOutcome(String meterId, String outcome, String detail) {
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#meterId, 'meter', 'manage')")
    @PostMapping("/api/meters/{meterId}/protection")
    @Operation(summary = "Protect a meter from cuts (keep-on) or lift the protection")
    public ResponseEntity<Void> protect(@PathVariable String meterId, @Valid @RequestBody ProtectionRequest request) {
        commands.sendAndWait(new ProtectMeter(new MeterId(meterId), request.protect(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#meterId, 'meter', 'manage')")
    @PostMapping("/api/meters/{meterId}/supply-commands")
    @Operation(summary = "An operator's cut or restore; the command is tracked until the gateway acknowledges it")
    public ResponseEntity<Map<String, String>> change(@PathVariable String meterId,
                                                      @Valid @RequestBody SupplyChangeRequest request) {
        SupplyCommandId commandId = commands.sendAndWait(
                new RequestSupplyChange(new MeterId(meterId), request.action(), request.reason()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("commandId", commandId.value()));
    }

    /**
     * 204 when the acknowledgement was recorded; 200 with {@code outcome} IGNORED, the {@code rule} and a
     * {@code detail} when it answered a command that is no longer pending, so it changed nothing.
     */
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'GATEWAY')")
    @PostMapping("/api/meters/{meterId}/supply-commands/{commandId}/acknowledgement")
    @Operation(summary = "A gateway acknowledges a control command: executed or failed; one for a command no longer "
            + "pending is answered IGNORED with the reason")
    public ResponseEntity<Map<String, String>> acknowledge(@PathVariable String meterId, @PathVariable String commandId,
                                                           @Valid @RequestBody AcknowledgementRequest request) {
        AcknowledgementOutcome outcome = commands.sendAndWait(new ConfirmSupplyCommand(new MeterId(meterId),
                new SupplyCommandId(commandId), request.executed(), request.detail()));
        if (outcome != null && outcome.ignored()) {
            return ResponseEntity.ok(Map.of("outcome", outcome.status().name(), "rule", outcome.rule(),
                    "detail", outcome.detail()));
        }
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/api/supply/batch")
    @Operation(summary = "Cut, restore, protect or unprotect many meters; every meter gets its own outcome")
    public List<BatchOutcome> batch(@Valid @RequestBody BatchRequest request) {
        List<BatchOutcome> outcomes = new ArrayList<>();
        for (String meterId : new LinkedHashSet<>(request.meterIds())) {
            outcomes.add(applyOne(request, meterId));
        }
        return outcomes;
    }

    private BatchOutcome applyOne(BatchRequest request, String meterId) {
        try {
            MeterId meter = new MeterId(meterId);
            Object command = switch (request.action()) {
                case CUT -> new RequestSupplyChange(meter, SupplyAction.CUT, request.reason());
                case RESTORE -> new RequestSupplyChange(meter, SupplyAction.RESTORE, request.reason());
                case PROTECT -> new ProtectMeter(meter, true, request.reason());
                case UNPROTECT -> new ProtectMeter(meter, false, request.reason());
            };
            commands.sendAndWait(command);
            return new BatchOutcome(meterId, "DONE", null);
        } catch (NotFound | AggregateNotFoundException e) {
            return new BatchOutcome(meterId, "NOT_FOUND", "meter " + meterId + " was not found");
        } catch (RuleViolation | IllegalArgumentException e) {
            return new BatchOutcome(meterId, "REFUSED", e.getMessage());
        }
    }
}
