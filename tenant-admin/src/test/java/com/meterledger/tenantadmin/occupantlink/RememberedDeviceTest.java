package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.occupantlink.DeviceRemembered;
import com.meterledger.api.occupantlink.EndRememberedDevice;
import com.meterledger.api.occupantlink.RememberDevice;
import com.meterledger.api.occupantlink.RememberedDeviceEnded;
import com.meterledger.api.occupantlink.RememberedDeviceEnding;
import com.meterledger.api.occupantlink.RememberedDeviceId;
import com.meterledger.api.shared.TenantId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/** A remembered phone's history: given what happened to it, when a command arrives, then what is stored. */
class RememberedDeviceTest {
    private static final TenantId TENANT_ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_TENANT = Map.of(TENANT, TENANT_ID.value());
    private static final Map<String, String> AS_OTHER_TENANT = Map.of(TENANT, "sunrise-lettings");
    private static final RememberedDeviceId DEVICE = new RememberedDeviceId("rd-0123456789abcdef0123");
    private static final AccountId ACCOUNT = new AccountId("acc-101-e");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-06-05T10:00:00Z");
    private static final DeviceRemembered REMEMBERED = new DeviceRemembered(DEVICE, TENANT_ID, ACCOUNT, "pl-1", UNTIL,
            NOW);

    private AggregateTestFixture<RememberedDevice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RememberedDevice.class);
    }

    @Test
    void rememberingRecordsTheAccountLinkAndExpiryByIdsOnly_neverASecretOrTheBrowser() {
        fixture.givenCurrentTime(NOW)
                .when(new RememberDevice(DEVICE, TENANT_ID, ACCOUNT, "pl-1", UNTIL), AS_TENANT)
                .expectEvents(REMEMBERED);
        assertThat(DeviceRemembered.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("deviceId", "tenantId", "accountId", "linkId", "expiresAt", "at");
    }

    @Test
    void anotherTenantCannotRememberAPhoneForThisTenantsAccount() {
        fixture.givenCurrentTime(NOW)
                .when(new RememberDevice(DEVICE, TENANT_ID, ACCOUNT, "pl-1", UNTIL), AS_OTHER_TENANT)
                .expectException(NotFound.class);
    }

    @Test
    void endingRecordsWhy_once() {
        fixture.given(REMEMBERED)
                .andGivenCurrentTime(NOW)
                .when(new EndRememberedDevice(DEVICE, RememberedDeviceEnding.REVOKED_BY_STAFF), AS_TENANT)
                .expectEvents(new RememberedDeviceEnded(DEVICE, TENANT_ID, ACCOUNT,
                        RememberedDeviceEnding.REVOKED_BY_STAFF, NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void endingAnEndedPhoneRecordsNothing() {
        fixture.given(REMEMBERED, new RememberedDeviceEnded(DEVICE, TENANT_ID, ACCOUNT,
                        RememberedDeviceEnding.FORGOTTEN_BY_OCCUPANT, NOW))
                .when(new EndRememberedDevice(DEVICE, RememberedDeviceEnding.LINK_REVOKED), AS_TENANT)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void anotherTenantsCommandFindsNoSuchPhone() {
        fixture.given(REMEMBERED)
                .when(new EndRememberedDevice(DEVICE, RememberedDeviceEnding.REVOKED_BY_STAFF), AS_OTHER_TENANT)
                .expectException(NotFound.class)
                .expectNoEvents();
    }
}
