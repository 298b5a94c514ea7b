package com.meterledger.core.tariff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import com.meterledger.api.tariff.TierBlock;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tariff events survive Axon's Jackson serializer built on a Spring-Boot-like ObjectMapper with
 * {@link TariffJsonModule} registered (as {@code TariffJsonConfiguration} does in the application).
 */
class TariffSerializationTest {
    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().modulesToInstall(new TariffJsonModule()).build();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    void every_kind_of_schedule_round_trips_through_the_event_serializer() {
        Instant at = Instant.parse("2025-04-01T00:00:00Z");
        List<TariffSchedule> schedules = List.of(
                new TariffSchedule.Flat(new BigDecimal("215.125")),
                new TariffSchedule.Tiered(BillingPeriod.MONTH,
                        List.of(TierBlock.upTo("50", "12.5"), TierBlock.upTo("150.5", "18.75"), TierBlock.above("27.3"))),
                new TariffSchedule.TimeOfUse(Map.of("sharp", new BigDecimal("30"), "valley", new BigDecimal("9.000001"))));
        int number = 1;
        for (TariffSchedule schedule : schedules) {
            TariffVersionPublished event = new TariffVersionPublished(new TariffId("t-1"), number++,
                    new TariffVersion(at, schedule, new BigDecimal("45.5")), at.minusSeconds(3600));

            SerializedObject<byte[]> json = serializer.serialize(event, byte[].class);
            TariffVersionPublished back = serializer.deserialize(json);

            assertThat(back).isEqualTo(event);
        }
    }

    @Test
    void the_schedule_kind_is_named_in_the_json() {
        TariffVersionPublished event = new TariffVersionPublished(new TariffId("t-1"), 1,
                new TariffVersion(Instant.EPOCH, new TariffSchedule.Flat(BigDecimal.TEN), BigDecimal.ZERO), Instant.EPOCH);

        String json = new String(serializer.serialize(event, byte[].class).getData());

        assertThat(json).contains("\"kind\":\"FLAT\"");
    }

    @Test
    void a_tariff_created_event_round_trips() {
        TariffCreated event = new TariffCreated(new TariffId("t-1"), "Water", Utility.WATER,
                Currency.getInstance("KES"), ZoneId.of("Africa/Nairobi"), Instant.parse("2025-01-01T00:00:00Z"));

        assertThat((Object) serializer.deserialize(serializer.serialize(event, byte[].class))).isEqualTo(event);
    }
}
