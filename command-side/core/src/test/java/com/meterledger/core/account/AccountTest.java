package com.meterledger.core.account;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

class AccountTest {
    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-a");
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private Object opened() {
        return GenericEventMessage.asEventMessage(new AccountOpened(ACCOUNT, new UnitId("u-1"), new MeterId("m-1"),
                Currency.getInstance("EUR"), new FlatTariff(new BigDecimal("25")), OPENED, OPENED,
                BigDecimal.ZERO)).andMetaData(TENANT);
    }

    @Test
    void aTopUpCreditsTheAccountAndStatesTheNewBalance() {
        Instant now = OPENED.plusSeconds(3600);
        fixture.givenCurrentTime(now).andGiven(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(2_500, "EUR"), "r-1", null), TENANT)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new AccountCredited(ACCOUNT, Money.of(2_500, "EUR"), "r-1", null, Money.of(2_500, "EUR"), now));
    }

    @Test
    void aTopUpWithAnAlreadyCreditedReferenceIsANoOp() {
        fixture.given(opened(), new AccountCredited(ACCOUNT, Money.of(100, "EUR"), "r-1", null, Money.of(100, "EUR"), OPENED))
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "EUR"), "r-1", null), TENANT)
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aTopUpInAnotherCurrencyIsRefused() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "USD"), "r-1", null), TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aTopUpOfNothingIsRefused() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(0, "EUR"), "r-1", null), TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantsTopUpFindsNoSuchAccount() {
        fixture.given(opened())
                .when(new RecordTopUp(ACCOUNT, Money.of(100, "EUR"), "r-1", null), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }
}
