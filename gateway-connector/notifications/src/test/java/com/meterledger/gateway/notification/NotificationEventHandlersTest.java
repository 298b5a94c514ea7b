package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static com.meterledger.gateway.notification.Fixtures.ACCOUNT;
import static com.meterledger.gateway.notification.Fixtures.METER;
import static com.meterledger.gateway.notification.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Each event becomes the right notification for the right account; the tenant comes only from metadata. */
class NotificationEventHandlersTest {
    private final Fixtures.Contacts contacts = new Fixtures.Contacts();
    private final Fixtures.Directory directory = new Fixtures.Directory();
    private final Fixtures.RecordingPort email = new Fixtures.RecordingPort(Channel.EMAIL, 0);
    private final NotificationEventHandlers handlers = new NotificationEventHandlers(
            new Notifier(contacts, new Fixtures.Log(), new NotificationTexts("x"), List.of(email),
                    Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), 1, Duration.ZERO), directory);

    NotificationEventHandlersTest() {
        contacts.save(Fixtures.contact(Channel.EMAIL));
        handlers.on(new AccountOpened(ACCOUNT, new UnitId("u-1"), METER, Currency.getInstance("EUR"),
                new TariffId("flat-10"), NOW, NOW, BigDecimal.ZERO,
                LocalDate.ofInstant(NOW, ZoneOffset.UTC)), "tenant-x");
    }

    private Notification last() {
        return email.delivered.get(email.delivered.size() - 1).notification();
    }

    @Test
    void lowBalance() {
        handlers.on(new LowBalanceWarningReached(ACCOUNT, 1, Money.of(900, "EUR"), Money.of(1000, "EUR")),
                "tenant-x", "e-low", NOW);
        assertThat(last()).isEqualTo(Notification.lowBalance("e-low", Fixtures.TENANT, ACCOUNT, NOW, 1,
                Money.of(900, "EUR"), Money.of(1000, "EUR")));
    }

    @Test
    void depleted() {
        handlers.on(new BalanceDepleted(ACCOUNT, METER, Money.of(-1, "EUR"), Money.of(0, "EUR")), "tenant-x",
                "e-dep", NOW);
        assertThat(last().kind()).isEqualTo(NotificationKind.DEPLETED);
        assertThat(last().balance()).isEqualTo(Money.of(-1, "EUR"));
    }

    @Test
    void topUp() {
        handlers.on(new AccountCredited(ACCOUNT, Money.of(500, "EUR"), "ref-1", null, Money.of(600, "EUR"), NOW),
                "tenant-x", "e-top", NOW);
        assertThat(last()).isEqualTo(Notification.topUpReceived("e-top", Fixtures.TENANT, ACCOUNT, NOW,
                Money.of(500, "EUR"), "ref-1", Money.of(600, "EUR")));
    }

    @Test
    void supplyEventsFindTheAccountOfTheMeter() {
        handlers.on(new SupplyCommandConfirmed(METER, new SupplyCommandId("c-1"), SupplyAction.CUT), "tenant-x",
                "e-off", NOW);
        assertThat(last()).isEqualTo(Notification.supplyOff("e-off", Fixtures.TENANT, ACCOUNT, METER, NOW));
        handlers.on(new SupplyCommandConfirmed(METER, new SupplyCommandId("c-2"), SupplyAction.RESTORE), "tenant-x",
                "e-on", NOW);
        assertThat(last()).isEqualTo(Notification.supplyOn("e-on", Fixtures.TENANT, ACCOUNT, METER, NOW));
    }

    @Test
    void theSameMeterIdInAnotherTenantIsAnotherMeter() {
        handlers.on(new SupplyCommandConfirmed(METER, new SupplyCommandId("c-3"), SupplyAction.CUT), "tenant-y",
                "e-other", NOW);
        assertThat(email.calls).isZero();
    }

    @Test
    void anEventForAnotherTenantsAccountReachesNobody() {
        handlers.on(new AccountCredited(ACCOUNT, Money.of(500, "EUR"), "ref-1", null, Money.of(600, "EUR"), NOW),
                "tenant-y", "e-foreign", NOW);
        assertThat(email.calls).isZero();
    }

    @Test
    void anEventWithoutTenantIsIgnored() {
        handlers.on(new AccountCredited(ACCOUNT, Money.of(500, "EUR"), "ref-1", null, Money.of(600, "EUR"), NOW),
                null, "e-none", NOW);
        handlers.on(new SupplyCommandConfirmed(new MeterId("m-x"), new SupplyCommandId("c-4"), SupplyAction.CUT),
                "", "e-none-2", NOW);
        assertThat(email.calls).isZero();
        assertThat(directory.knows(Fixtures.TENANT, new AccountId("acc-1"))).isTrue();
    }
}
