package com.meterledger.core.tariff.web;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AssignTariff;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.CreateTariff;
import com.meterledger.api.tariff.FindTariffOwner;
import com.meterledger.api.tariff.PublishTariffVersion;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffOwner;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.core.tariff.TariffDryRun;
import com.meterledger.core.tariff.TariffReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Tariffs of the caller's tenant: create, publish versions, read one with its versions, dry-run a proposed version
 * against the accounts on the tariff, assign the tariff to many accounts. Prices are minor currency units per
 * register unit (kWh, m3) or per day. The request shapes are plain DTOs turned into the checked value types here, so
 * a malformed schedule (negative price, more than six decimals of a minor unit, tiers not ascending, ...) is a 422
 * naming the rule, never a parse error; bean validation only bounds sizes (digits allowed up to 12 decimals so that
 * the precision rule, not a generic field error, answers).
 *
 * <p>Tariff ids, like every aggregate id, are unique across the whole system, not per tenant.
 */
@RestController
@RequestMapping("/api/tariffs")
@Tag(name = "Tariffs", description = "Versioned price schedules, dry runs and assignment to accounts")
public class TariffController {
    private static final int MAX_BATCH = 1_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TariffReader tariffs;
    private final TariffDryRun dryRun;

    public TariffController(CommandGateway commands, QueryGateway queries, TariffReader tariffs, TariffDryRun dryRun) {
        this.commands = commands;
        this.queries = queries;
        this.tariffs = tariffs;
        this.dryRun = dryRun;
    }

    public record CreateTariffRequest(@NotBlank @Size(max = 64) String tariffId, @NotBlank @Size(max = 200) String name,
                                      @NotNull Utility utility, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                      @NotBlank @Size(max = 64) String zone) {
    }

    public record TierRequest(@Digits(integer = 12, fraction = 6) BigDecimal upTo,
                              @NotNull @Digits(integer = 9, fraction = 12) BigDecimal price) {
    }

    /** {@code kind} FLAT needs {@code price}; TIERED needs {@code period} and {@code tiers}; TIME_OF_USE {@code registerPrices}. */
    public record ScheduleRequest(@NotNull Kind kind, @Digits(integer = 9, fraction = 12) BigDecimal price,
                                  BillingPeriod period, @Size(max = 20) List<@Valid @NotNull TierRequest> tiers,
                                  @Size(max = 16) Map<@NotBlank @Size(max = 64) String,
                                          @NotNull @Digits(integer = 9, fraction = 12) BigDecimal> registerPrices) {
        public enum Kind { FLAT, TIERED, TIME_OF_USE }
    }

    public record VersionRequest(@NotNull Instant effectiveFrom, @NotNull @Valid ScheduleRequest schedule,
                                 @NotNull @Digits(integer = 9, fraction = 12) BigDecimal standingChargePerDay) {
    }

    public record DryRunRequest(@NotNull @Valid VersionRequest version, @Min(1) @Max(366) Integer days) {
    }

    public record AssignmentRequest(@NotEmpty @Size(max = MAX_BATCH) List<@NotBlank String> accountIds) {
    }

    /** One account's result: {@code outcome} is DONE, NOT_FOUND or REFUSED, with the reason for the latter. */
    public record AssignmentOutcome(String accountId, String outcome, String detail) {
    }

    public record VersionView(int number, Instant effectiveFrom, Instant until, TariffSchedule schedule,
                              BigDecimal standingChargePerDay) {
    }

    public record TariffView(String tariffId, String name, Utility utility, String currency, String zone,
                             Instant createdAt, List<VersionView> versions) {
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping
    @Operation(summary = "Create a tariff of the caller's tenant for one utility; prices come as versions")
    public ResponseEntity<Map<String, String>> create(@Valid @RequestBody CreateTariffRequest request) {
        ZoneId zone;
        try {
            zone = ZoneId.of(request.zone());
        } catch (DateTimeException e) {
            throw new RuleViolation("tariff-zone-unknown", "unknown time zone " + request.zone());
        }
        commands.sendAndWait(new CreateTariff(new TariffId(request.tariffId()), request.name(), request.utility(),
                Currency.getInstance(request.currency()), zone));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("tariffId", request.tariffId()));
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/{tariffId}/versions")
    @Operation(summary = "Publish a version: it takes effect after the latest one and never in the past")
    public ResponseEntity<Map<String, Object>> publish(@PathVariable String tariffId,
                                                       @Valid @RequestBody VersionRequest request) {
        int number = commands.sendAndWait(new PublishTariffVersion(new TariffId(tariffId), version(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("tariffId", tariffId, "versionNumber", number));
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @GetMapping("/{tariffId}")
    @Operation(summary = "A tariff with every published version and the span each is in force (a property manager: a "
            + "shared tariff, or the own tariff of an account in their properties)")
    public TariffView get(@Parameter(hidden = true) TenantId tenant, @Parameter(hidden = true) PropertyScope scope,
                          @PathVariable String tariffId) {
        requireVisible(tenant, scope, new TariffId(tariffId));
        TariffReader.TariffState state = tariffs.read(tenant, new TariffId(tariffId));
        List<VersionView> versions = new ArrayList<>();
        for (int i = 0; i < state.versions().size(); i++) {
            TariffVersion version = state.versions().get(i);
            Instant until = i + 1 < state.versions().size() ? state.versions().get(i + 1).effectiveFrom() : null;
            versions.add(new VersionView(i + 1, version.effectiveFrom(), until, version.schedule(),
                    version.standingChargePerDay()));
        }
        return new TariffView(tariffId, state.name(), state.utility(), state.currency().getCurrencyCode(),
                state.zone().getId(), state.createdAt(), versions);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    @PostMapping("/{tariffId}/dry-runs")
    @Operation(summary = "Per-account effect of a proposed version before publishing it: the consumption and "
            + "standing-charge days of the last `days` (default 30) priced as charged vs. under the proposed version")
    public TariffDryRun.Result dryRun(@Parameter(hidden = true) TenantId tenant, @PathVariable String tariffId,
                                      @Valid @RequestBody DryRunRequest request) {
        Duration window = request.days() == null ? TariffDryRun.DEFAULT_WINDOW : Duration.ofDays(request.days());
        return dryRun.run(tenant, new TariffId(tariffId), version(request.version()),
                GenericEventMessage.clock.instant(), window);
    }

    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @PostMapping("/{tariffId}/assignments")
    @Operation(summary = "Price many accounts by this tariff from their latest reading on; every account gets its "
            + "own outcome (DONE, NOT_FOUND, REFUSED)")
    public List<AssignmentOutcome> assign(@Parameter(hidden = true) TenantId tenant, @PathVariable String tariffId,
                                          @Valid @RequestBody AssignmentRequest request) {
        TariffId tariff = new TariffId(tariffId);
        tariffs.read(tenant, tariff);
        List<AssignmentOutcome> outcomes = new ArrayList<>();
        for (String accountId : new LinkedHashSet<>(request.accountIds())) {
            outcomes.add(assignOne(tariff, accountId));
        }
        return outcomes;
    }

    /**
     * A property manager reads a shared tariff or the own tariff of an account in their properties; any other is "not
     * found", as an unknown id is, since an account's own tariff names the account. Whose a tariff is comes from the
     * tariff read model: one created a moment ago and not yet projected is not found for a manager either.
     */
    private void requireVisible(TenantId tenant, PropertyScope scope, TariffId tariffId) {
        if (scope.all()) {
            return;
        }
        boolean visible = queries.query(new FindTariffOwner(tenant, tariffId),
                        ResponseTypes.optionalInstanceOf(TariffOwner.class)).join()
                .map(owner -> owner.visibleIn(scope)).orElse(false);
        if (!visible) {
            throw new NotFound("tariff", tariffId);
        }
    }

    private AssignmentOutcome assignOne(TariffId tariff, String accountId) {
        try {
            commands.sendAndWait(new AssignTariff(new AccountId(accountId), tariff));
            return new AssignmentOutcome(accountId, "DONE", null);
        } catch (NotFound | AggregateNotFoundException e) {
            return new AssignmentOutcome(accountId, "NOT_FOUND", "account " + accountId + " was not found");
        } catch (RuleViolation e) {
            return new AssignmentOutcome(accountId, "REFUSED", e.rule() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new AssignmentOutcome(accountId, "REFUSED", e.getMessage());
        }
    }

    /** Builds the checked value types; a bad shape throws the {@link RuleViolation} naming its rule. */
    static TariffVersion version(VersionRequest request) {
        ScheduleRequest schedule = request.schedule();
        TariffSchedule built = switch (schedule.kind()) {
            case FLAT -> new TariffSchedule.Flat(require(schedule.price(), "a flat schedule needs a price"));
            case TIERED -> {
                if (schedule.period() == null || schedule.tiers() == null) {
                    throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-tiers-missing",
                            "a tiered schedule needs a period and tiers"));
                }
                yield new TariffSchedule.Tiered(schedule.period(), schedule.tiers().stream()
                        .map(tier -> new TierBlock(tier.upTo(), tier.price())).toList());
            }
            case TIME_OF_USE -> {
                if (schedule.registerPrices() == null) {
                    throw new RuleViolation(TariffRules.REGISTERS_MALFORMED, Reason.of("tariff-register-prices-missing",
                            "a time-of-use schedule needs register prices"));
                }
                yield new TariffSchedule.TimeOfUse(schedule.registerPrices());
            }
        };
        return new TariffVersion(request.effectiveFrom(), built, request.standingChargePerDay());
    }

    private static BigDecimal require(BigDecimal price, String message) {
        if (price == null) {
            throw new RuleViolation("tariff-price-required", message);
        }
        return price;
    }
}
