package com.meterledger.core.tariff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.CreateTariff;
import com.meterledger.api.tariff.PublishTariffVersion;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import com.meterledger.api.tariff.TierBlock;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of the Tariff aggregate, one test each: given its history, when a command arrives, then what is stored. */
class TariffTest {
    private static final TariffId ID = new TariffId("res-elec");
    private static final String TENANT_A = "landlord-a";
    private static final Map<String, String> AS_TENANT_A = Map.of(TENANT, TENANT_A);
    private static final ZoneId ZONE = ZoneId.of("Africa/Johannesburg");
    private static final Currency ZAR = Currency.getInstance("ZAR");
    private static final Instant CREATED_AT = Instant.parse("2025-01-10T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-20T09:30:00Z");

    private AggregateTestFixture<Tariff> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tariff.class);
        // as in the application: the tenant of a command is copied onto every event it causes
        fixture.registerCommandHandlerInterceptor(
                new CorrelationDataInterceptor<>(new SimpleCorrelationDataProvider(TENANT)));
    }

    @Test
    void creating_a_tariff_records_its_utility_currency_and_zone() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateTariff(ID, " Residential electricity ", Utility.ELECTRICITY, ZAR, ZONE), AS_TENANT_A)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TariffCreated(ID, "Residential electricity", Utility.ELECTRICITY, ZAR, ZONE, NOW))
                .expectState(tariff -> {
                    assertThat(tariff.tenantId()).isEqualTo(TENANT_A);
                    assertThat(tariff.timeline().versions()).isEmpty();
                });
    }

    @Test
    void a_tariff_without_a_name_is_refused_and_nothing_is_stored() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateTariff(ID, "  ", Utility.WATER, ZAR, ZONE), AS_TENANT_A)
                .expectException(violating(TariffRules.NAME_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void the_first_version_may_take_effect_right_now() {
        TariffVersion version = flat(NOW, "215.5");
        fixture.given(created())
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, version), AS_TENANT_A)
                .expectResultMessagePayload(1)
                .expectEvents(new TariffVersionPublished(ID, 1, version, NOW));
    }

    @Test
    void a_version_after_the_latest_one_and_in_the_future_is_published_with_the_next_number() {
        TariffVersion next = tiered(NOW.plus(Duration.ofDays(12)));
        fixture.given(created(), published(1, flat(Instant.parse("2025-02-01T00:00:00Z"), "200")))
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, next), AS_TENANT_A)
                .expectResultMessagePayload(2)
                .expectEvents(new TariffVersionPublished(ID, 2, next, NOW))
                .expectState(tariff -> assertThat(tariff.timeline().versionAt(NOW.plus(Duration.ofDays(13))))
                        .hasValueSatisfying(inForce -> assertThat(inForce.number()).isEqualTo(2)));
    }

    @Test
    void a_version_taking_effect_before_now_is_back_dated_and_refused() {
        fixture.given(created())
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, flat(NOW.minusSeconds(1), "200")), AS_TENANT_A)
                .expectException(violating(TariffRules.VERSION_BACK_DATED, NOW.minusSeconds(1), NOW))
                .expectNoEvents();
    }

    @Test
    void a_version_taking_effect_before_the_latest_published_version_goes_back_in_time_and_is_refused() {
        Instant latest = NOW.plus(Duration.ofDays(30));
        fixture.given(created(), published(1, flat(latest, "200")))
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, flat(latest.minus(Duration.ofDays(1)), "210")), AS_TENANT_A)
                .expectException(violating(TariffRules.VERSION_NOT_AFTER_LATEST, latest,
                        latest.minus(Duration.ofDays(1))))
                .expectNoEvents();
    }

    @Test
    void a_version_taking_effect_at_the_same_moment_as_the_latest_one_overlaps_it_and_is_refused() {
        Instant latest = NOW.plus(Duration.ofDays(30));
        fixture.given(created(), published(1, flat(latest, "200")))
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, flat(latest, "210")), AS_TENANT_A)
                .expectException(violating(TariffRules.VERSION_NOT_AFTER_LATEST, latest, latest))
                .expectNoEvents();
    }

    @Test
    void another_tenant_publishing_on_this_tariff_is_told_it_does_not_exist_and_nothing_is_stored() {
        fixture.given(created())
                .andGivenCurrentTime(NOW)
                .when(new PublishTariffVersion(ID, flat(NOW, "1")), Map.of(TENANT, "landlord-b"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    /**
     * Prices are checked by the value types, so a negative price never even becomes a command: the fixture (and the
     * event store behind a real command bus) is never reached. The REST edge turns the RuleViolation into a 422
     * problem naming the rule.
     */
    @Test
    void a_negative_price_cannot_be_put_into_a_version_so_no_event_can_carry_it() {
        fixture.given(created()).andGivenCurrentTime(NOW);
        assertThatThrownBy(() -> new PublishTariffVersion(ID, flat(NOW, "-0.01")))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(TariffRules.PRICE_NEGATIVE));
        assertThatThrownBy(() -> new TariffVersion(NOW, new TariffSchedule.Flat(BigDecimal.ONE), new BigDecimal("-5")))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(TariffRules.PRICE_NEGATIVE));
    }

    private static Object created() {
        return GenericEventMessage.asEventMessage(
                        new TariffCreated(ID, "Residential electricity", Utility.ELECTRICITY, ZAR, ZONE, CREATED_AT))
                .andMetaData(AS_TENANT_A);
    }

    private static Object published(int number, TariffVersion version) {
        return GenericEventMessage.asEventMessage(new TariffVersionPublished(ID, number, version, CREATED_AT))
                .andMetaData(AS_TENANT_A);
    }

    private static TariffVersion flat(Instant from, String price) {
        return new TariffVersion(from, new TariffSchedule.Flat(new BigDecimal(price)), new BigDecimal("350"));
    }

    private static TariffVersion tiered(Instant from) {
        return new TariffVersion(from, new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(
                TierBlock.upTo("50", "150"), TierBlock.upTo("350", "210.25"), TierBlock.above("300"))),
                new BigDecimal("350"));
    }

    static Matcher<Throwable> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof RuleViolation violation && rule.equals(violation.rule());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule ").appendValue(rule);
            }
        };
    }

    /** A violation of {@code rule} naming exactly {@code figures}, moments its texts write on the tenant's clock. */
    static Matcher<Throwable> violating(String rule, Object... figures) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof RuleViolation violation && rule.equals(violation.rule())
                        && List.of(figures).equals(violation.figures());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule ").appendValue(rule).appendText(" with figures ")
                        .appendValueList("[", ", ", "]", figures);
            }
        };
    }
}
