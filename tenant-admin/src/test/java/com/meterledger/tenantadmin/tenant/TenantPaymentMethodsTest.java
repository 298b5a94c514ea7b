package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChoosePaymentMethods;
import com.meterledger.api.tenant.PaymentMethodChoice;
import com.meterledger.api.tenant.PaymentMethodsChosen;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant's payment methods: a settings section of its own, card only until the landlord chooses more. */
class TenantPaymentMethodsTest {
    private static final TenantId ID = new TenantId("harbour-homes");
    private static final TenantProfile PROFILE = new TenantProfile("Harbour Homes 港湾物业", "CN",
            Currency.getInstance("CNY"), ZoneId.of("Asia/Shanghai"), "zh-CN");
    private static final Instant SIGNED_UP_AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final PaymentMethodChoice ALL = new PaymentMethodChoice(
            Set.of(PaymentMethod.CARD, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY));

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void givenACardOnlyTenant_whenItChoosesWeChatPayAndAlipay_thenTheChoiceIsRecordedWithItsMomentAndNoPerson() {
        fixture.given(new TenantSignedUp(ID, PROFILE, TenantSettings.standard(PROFILE), SIGNED_UP_AT),
                        new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified",
                                SIGNED_UP_AT))
                .andGivenCurrentTime(NOW)
                .when(new ChoosePaymentMethods(ID, ALL), Map.of(TENANT, ID.value()))
                .expectEvents(new PaymentMethodsChosen(ID, ALL, NOW));
    }

    @Test
    void givenANewTenant_whenItChoosesCardOnly_thenNothingChangesBecauseThatIsWhatItHad() {
        fixture.given(new TenantSignedUp(ID, PROFILE, TenantSettings.standard(PROFILE), SIGNED_UP_AT),
                        new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified",
                                SIGNED_UP_AT))
                .when(new ChoosePaymentMethods(ID, PaymentMethodChoice.cardOnly()), Map.of(TENANT, ID.value()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAnotherTenant_whenItChoosesThisOnesMethods_thenItIsNotFoundAndNothingIsStored() {
        fixture.given(new TenantSignedUp(ID, PROFILE, TenantSettings.standard(PROFILE), SIGNED_UP_AT))
                .when(new ChoosePaymentMethods(ID, ALL), Map.of(TENANT, "landlord-a"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }

    @Test
    void givenAChoiceWithoutCard_whenItIsMade_thenItIsRefusedByFieldName() {
        assertThatThrownBy(() -> new PaymentMethodChoice(Set.of(PaymentMethod.ALIPAY)))
                .isInstanceOfSatisfying(FieldRejected.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.field()).isEqualTo("methods"));
        java.util.Set<PaymentMethod> withAHole = new java.util.HashSet<>(java.util.Arrays.asList(PaymentMethod.CARD,
                null));
        assertThatThrownBy(() -> new PaymentMethodChoice(withAHole))
                .isInstanceOfSatisfying(FieldRejected.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.field()).isEqualTo("methods"));
    }
}
