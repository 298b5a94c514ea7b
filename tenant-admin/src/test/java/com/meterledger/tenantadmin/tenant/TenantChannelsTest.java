package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeNotificationChannels;
import com.meterledger.api.tenant.ChangeSmsSenderName;
import com.meterledger.api.tenant.NotificationChannels;
import com.meterledger.api.tenant.NotificationChannelsChanged;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.tenant.SmsSenderName;
import com.meterledger.api.tenant.SmsSenderNameChanged;
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

/** channels: the Tenant aggregate's two sections, notification channels and SMS sender name; given, when, then. */
class TenantChannelsTest {
    private static final TenantId ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_ITSELF = Map.of(TENANT, ID.value());
    private static final TenantProfile PROFILE = new TenantProfile("Harbour Homes 港湾物业", "CN",
            Currency.getInstance("CNY"), ZoneId.of("Asia/Shanghai"), "zh-CN");
    private static final Instant SIGNED_UP_AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    private static TenantSignedUp signedUp() {
        return new TenantSignedUp(ID, PROFILE, TenantSettings.standard(PROFILE), SIGNED_UP_AT);
    }

    private static TenantStatusChanged verified() {
        return new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified", SIGNED_UP_AT);
    }

    @Test
    void givenATenantWhenItOffersSmsOnlyWithAStaffAddressThenTheEventSaysSoWithoutTheAddress() {
        NotificationChannels smsOnly = new NotificationChannels(Set.of(OccupantChannel.SMS), "ops@harbour.example");

        fixture.given(signedUp(), verified())
                .andGivenCurrentTime(NOW)
                .when(new ChangeNotificationChannels(ID, smsOnly), AS_ITSELF)
                .expectEvents(new NotificationChannelsChanged(ID, Set.of(OccupantChannel.SMS), true, NOW));
    }

    @Test
    void givenASuspendedTenantWhenItsChannelsChangeThenTheyAreRefusedAndNothingIsStored() {
        fixture.given(signedUp(), verified(),
                        new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.SUSPENDED, "operator", NOW))
                .when(new ChangeNotificationChannels(ID, NotificationChannels.standard()), AS_ITSELF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void givenAnotherTenantWhenItChangesThisOnesChannelsThenItIsNotFoundAndNothingIsStored() {
        fixture.given(signedUp(), verified())
                .when(new ChangeSmsSenderName(ID, new SmsSenderName("Intruder")), Map.of(TENANT, "other-tenant"))
                .expectException(NotFound.class)
                .expectNoEvents();
        fixture.given(signedUp(), verified())
                .when(new ChangeNotificationChannels(ID, NotificationChannels.standard()),
                        Map.of(TENANT, "other-tenant"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    @Test
    void givenATenantWhenItSetsASignatureThenTheChangeIsOneEventAndTheSameAgainChangesNothing() {
        SmsSenderName signature = new SmsSenderName("【海港物业】");

        fixture.given(signedUp(), verified())
                .andGivenCurrentTime(NOW)
                .when(new ChangeSmsSenderName(ID, signature), AS_ITSELF)
                .expectEvents(new SmsSenderNameChanged(ID, signature, NOW));
        fixture.given(signedUp(), verified(), new SmsSenderNameChanged(ID, signature, NOW))
                .when(new ChangeSmsSenderName(ID, new SmsSenderName("海港物业")), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenASuspendedTenantWhenItsSenderNameChangesThenItIsRefusedAndNothingIsStored() {
        fixture.given(signedUp(), verified(),
                        new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.SUSPENDED, "operator", NOW))
                .when(new ChangeSmsSenderName(ID, new SmsSenderName("Harbour")), AS_ITSELF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
