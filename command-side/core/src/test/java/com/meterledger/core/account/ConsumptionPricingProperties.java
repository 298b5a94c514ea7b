package com.meterledger.core.account;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumptionPricingProperties {

    @Property
    void chargesOfAnySplitAddUpToTheExactTotalRoundedDownOnce(
            @ForAll("splits") List<BigDecimal> readingsDeltas,
            @ForAll("prices") BigDecimal price) {
        BigDecimal carried = BigDecimal.ZERO;
        long charged = 0;
        for (BigDecimal delta : readingsDeltas) {
            ConsumptionPricing.PricedCharge charge = ConsumptionPricing.charge(delta, price, carried);
            charged += charge.minorUnits();
            carried = charge.remainder();
        }
        BigDecimal total = readingsDeltas.stream().reduce(BigDecimal.ZERO, BigDecimal::add).multiply(price);
        assertThat(charged).isEqualTo(total.setScale(0, RoundingMode.FLOOR).longValueExact());
        assertThat(carried).isEqualByComparingTo(total.subtract(total.setScale(0, RoundingMode.FLOOR)));
    }

    @Property
    void theCarriedRemainderIsAlwaysLessThanOneMinorUnit(@ForAll("quantities") BigDecimal quantity,
                                                          @ForAll("prices") BigDecimal price,
                                                          @ForAll @IntRange(max = 999_999_999) int carriedNanos) {
        BigDecimal carried = BigDecimal.valueOf(carriedNanos, 9);
        ConsumptionPricing.PricedCharge charge = ConsumptionPricing.charge(quantity, price, carried);
        assertThat(charge.remainder()).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
        assertThat(BigDecimal.valueOf(charge.minorUnits()).add(charge.remainder()))
                .isEqualByComparingTo(quantity.multiply(price).add(carried));
    }

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(3);
    }

    @Provide
    Arbitrary<List<BigDecimal>> splits() {
        return quantities().list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<BigDecimal> prices() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("500")).ofScale(6);
    }
}
