package com.meterledger.api.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.Ids;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How consumption is priced. Prices are minor currency units per register unit (kWh or m3), exact decimals with at
 * most six decimals of a minor unit. Every shape is checked when built, so a malformed schedule never reaches a
 * command handler or the event store.
 *
 * <p>Serialized as JSON with a {@code "kind"} discriminator ({@code FLAT}, {@code TIERED}, {@code TIME_OF_USE});
 * the mapping lives in core ({@code TariffJsonModule}) because this module may not depend on Jackson.
 */
public sealed interface TariffSchedule permits TariffSchedule.Flat, TariffSchedule.Tiered, TariffSchedule.TimeOfUse {

    /** One price for every unit. */
    record Flat(BigDecimal price) implements TariffSchedule {
        public Flat {
            TariffRules.requirePrice(price, "flat price");
        }
    }

    /**
     * Increasing-block tariff: consumption is counted within each billing period and each block's price applies to
     * the units that fall inside it. Bounds strictly ascend; only the last block is open-ended, and it must be.
     */
    record Tiered(BillingPeriod period, List<TierBlock> blocks) implements TariffSchedule {
        public Tiered {
            if (period == null) {
                throw new IllegalArgumentException("billing period is required");
            }
            if (blocks == null || blocks.isEmpty()) {
                throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-tiers-none",
                        "a tiered tariff needs at least one block"));
            }
            blocks = List.copyOf(blocks);
            BigDecimal previous = BigDecimal.ZERO;
            for (int i = 0; i < blocks.size(); i++) {
                BigDecimal upTo = blocks.get(i).upTo();
                boolean last = i == blocks.size() - 1;
                if (upTo == null && !last) {
                    throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-tier-unbounded-not-last",
                            "only the last tier may be open-ended; tier " + (i + 1) + " has no bound", i + 1));
                }
                if (upTo != null && last) {
                    throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-last-tier-bounded",
                            "the last tier must be open-ended so that every unit has a price", i + 1,
                            upTo.toPlainString()));
                }
                if (upTo != null) {
                    if (upTo.compareTo(previous) <= 0) {
                        throw new RuleViolation(TariffRules.TIERS_NOT_ASCENDING, "tier bounds must strictly ascend: tier "
                                + (i + 1) + " ends at " + upTo.toPlainString() + ", not above " + previous.toPlainString());
                    }
                    previous = upTo;
                }
            }
        }

        /**
         * The block (from 0) whose price the next unit costs when {@code counted} units were used in the billing
         * period so far: what the occupant's page calls the tier in force now.
         */
        public int blockAt(BigDecimal counted) {
            for (int i = 0; i < blocks.size() - 1; i++) {
                if (counted.compareTo(blocks.get(i).upTo()) < 0) {
                    return i;
                }
            }
            return blocks.size() - 1;
        }
    }

    /**
     * Time-of-use: the meter keeps one register per time band (e.g. sharp, peak, flat, valley) and each register's
     * consumption has its own price. Register names follow the id rule (letters, digits, '.', '_', ':', '-').
     */
    record TimeOfUse(Map<String, BigDecimal> registerPrices) implements TariffSchedule {
        public TimeOfUse {
            if (registerPrices == null || registerPrices.isEmpty()) {
                throw new RuleViolation(TariffRules.REGISTERS_MALFORMED, Reason.of("tariff-registers-none",
                        "a time-of-use tariff needs at least one register"));
            }
            TreeMap<String, BigDecimal> sorted = new TreeMap<>();
            registerPrices.forEach((register, price) -> {
                try {
                    Ids.requireValid(register, "register name");
                } catch (IllegalArgumentException e) {
                    throw new RuleViolation(TariffRules.REGISTERS_MALFORMED, Reason.of("tariff-register-name-malformed",
                            e.getMessage(), register));
                }
                sorted.put(register, TariffRules.requirePrice(price, "price of register " + register));
            });
            registerPrices = Collections.unmodifiableSortedMap(sorted);
        }
    }
}
