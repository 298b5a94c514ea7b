package com.meterledger.query.consumption;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityScalingProperties {

    @Property
    void aQuantityOfUpToSixDecimalsSurvivesTheScaledLongExactly(
            @ForAll @BigRange(min = "0", max = "10000000") @Scale(6) BigDecimal quantity) {
        long stored = ConsumptionProjection.scaled(quantity);

        BigDecimal read = DailyConsumption.readable(BigDecimal.valueOf(stored, ConsumptionProjection.QUANTITY_SCALE));

        assertThat(read).isEqualByComparingTo(quantity);
        assertThat(read.scale()).isGreaterThanOrEqualTo(3);
    }

    @Property
    void aSumOfScaledQuantitiesIsTheScaledExactSum(
            @ForAll @BigRange(min = "0", max = "100000") @Scale(3) BigDecimal a,
            @ForAll @BigRange(min = "0", max = "100000") @Scale(3) BigDecimal b) {
        long storedSum = ConsumptionProjection.scaled(a) + ConsumptionProjection.scaled(b);

        assertThat(BigDecimal.valueOf(storedSum, ConsumptionProjection.QUANTITY_SCALE)).isEqualByComparingTo(a.add(b));
    }
}
