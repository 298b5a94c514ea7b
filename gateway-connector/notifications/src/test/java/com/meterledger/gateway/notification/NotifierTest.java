package com.meterledger.gateway.notification;

import com.meterledger.api.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static com.meterledger.gateway.notification.Fixtures.ACCOUNT;
import static com.meterledger.gateway.notification.Fixtures.NOW;
import static com.meterledger.gateway.notification.Fixtures.TENANT;
import static com.meterledger.gateway.notification.Fixtures.contact;
import static com.meterledger.gateway.notification.Fixtures.topUp;
import static org.assertj.core.api.Assertions.assertThat;

class NotifierTest {
    private final Fixtures.Contacts contacts = new Fixtures.Contacts();
    private final Fixtures.Log log = new Fixtures.Log();
    private final Fixtures.RecordingPort email = new Fixtures.RecordingPort(Channel.EMAIL, 0);
    private final Fixtures.RecordingPort sms = new Fixtures.RecordingPort(Channel.SMS, 0);

    private Notifier notifier(Fixtures.RecordingPort... ports) {
        return new Notifier(contacts, log, new NotificationTexts("MeterLedger"), List.of(ports),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC), Duration.ofHours(24), 3, Duration.ZERO);
    }

    @Test
    void sendsOverEveryPreferredChannelAndOnlyThose() {
        contacts.save(contact(Channel.EMAIL, Channel.SMS));
        Fixtures.RecordingPort webhook = new Fixtures.RecordingPort(Channel.WEBHOOK, 0);
        notifier(email, sms, webhook).notify(topUp("evt-1"));

        assertThat(email.delivered).singleElement().satisfies(d -> {
            assertThat(d.recipient().email()).isEqualTo("ada@example.org");
            assertThat(d.message().subject()).isEqualTo("Top-up received: 20.00 EUR");
            assertThat(d.message().body()).startsWith("Hello Ada Lovelace,");
        });
        assertThat(sms.delivered).hasSize(1);
        assertThat(webhook.calls).isZero();
        assertThat(log.row("evt-1", Channel.EMAIL).status()).isEqualTo(NotificationLog.Status.SENT);
        assertThat(log.row("evt-1", Channel.SMS).attempts()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventNotifiesOnce() {
        contacts.save(contact(Channel.EMAIL));
        Notifier notifier = notifier(email);
        notifier.notify(topUp("evt-2"));
        notifier.notify(topUp("evt-2"));
        assertThat(email.calls).isEqualTo(1);
    }

    @Test
    void aFailingTransportIsTriedABoundedNumberOfTimesThenRecordedAsFailed() {
        contacts.save(contact(Channel.EMAIL, Channel.SMS));
        Fixtures.RecordingPort broken = new Fixtures.RecordingPort(Channel.EMAIL, Integer.MAX_VALUE);
        Notifier notifier = notifier(broken, sms);
        notifier.notify(topUp("evt-3"));

        assertThat(broken.calls).isEqualTo(3);
        Fixtures.Log.Row row = log.row("evt-3", Channel.EMAIL);
        assertThat(row.status()).isEqualTo(NotificationLog.Status.FAILED);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.error()).contains("transport down");
        // the other channel is not held back by the broken one
        assertThat(sms.delivered).hasSize(1);
        // and a redelivery does not start the failed one again
        notifier.notify(topUp("evt-3"));
        assertThat(broken.calls).isEqualTo(3);
    }

    @Test
    void aTransientFailureThatRecoversIsSentOnce() {
        contacts.save(contact(Channel.EMAIL));
        Fixtures.RecordingPort flaky = new Fixtures.RecordingPort(Channel.EMAIL, 1);
        notifier(flaky).notify(topUp("evt-4"));
        assertThat(flaky.delivered).hasSize(1);
        assertThat(log.row("evt-4", Channel.EMAIL).attempts()).isEqualTo(2);
    }

    @Test
    void noContactMeansNothingIsSentOrRecorded() {
        notifier(email).notify(topUp("evt-5"));
        assertThat(email.calls).isZero();
        assertThat(log.rows).isEmpty();
    }

    @Test
    void oldEventsAreNotSent() {
        contacts.save(contact(Channel.EMAIL));
        Notification old = Notification.topUpReceived("evt-6", TENANT, ACCOUNT, NOW.minus(Duration.ofDays(3)),
                Money.of(100, "EUR"), "r", Money.of(100, "EUR"));
        notifier(email).notify(old);
        assertThat(email.calls).isZero();
    }

    @Test
    void aPreferredChannelWithoutAnAdapterIsRecordedAsFailed() {
        contacts.save(contact(Channel.WEBHOOK));
        notifier(email).notify(topUp("evt-7"));
        assertThat(log.row("evt-7", Channel.WEBHOOK).status()).isEqualTo(NotificationLog.Status.FAILED);
        assertThat(log.row("evt-7", Channel.WEBHOOK).error()).contains("not enabled");
    }

    private Notifier speaking(Fixtures.RecordingPort... ports) {
        Voices landlord = (tenant, chosen) -> NotificationTexts.Voice.of("Harbour Estates",
                chosen == null ? "en" : chosen);
        return new Notifier(contacts, log, new NotificationTexts("MeterLedger"), List.of(ports),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC), Duration.ofHours(24), 3, Duration.ZERO, landlord,
                path -> "https://pay.example" + path);
    }

    private static Notification lowBalance(String eventId) {
        return Notification.lowBalance(eventId, TENANT, ACCOUNT, NOW, 1, Money.of(450, "CNY"), Money.of(1000, "CNY"));
    }

    @Test
    void givenTheOccupantChoseSmsWhenTheBalanceRunsLowThenTheWarningGoesToTheirOwnNumberInTheirLanguageWithAWayOut() {
        contacts.save(contact(Channel.EMAIL));
        AlertChoice kept = contacts.chooseAlerts(TENANT, ACCOUNT,
                new AlertChoice(java.util.Set.of(Channel.SMS), null, "+8613812345678", "zh-CN", null));

        speaking(email, sms).notify(lowBalance("evt-low-1"));

        assertThat(email.calls).as("the occupant's own choice decides low-balance warnings").isZero();
        assertThat(sms.delivered).singleElement().satisfies(d -> {
            assertThat(d.recipient().phone()).isEqualTo("+8613812345678");
            assertThat(d.message().subject()).isEqualTo("余额不足：剩余 4.50 CNY");
            assertThat(d.message().text()).contains("https://pay.example/pay/alerts/stop/" + TENANT + "/" + kept.token())
                    .contains("退订");
            assertThat(d.message().body()).contains("如有疑问，请联系您的房东：Harbour Estates。");
        });
    }

    @Test
    void givenTheOccupantOptedOutWhenTheBalanceRunsLowThenNothingIsSentButOtherNewsStillIs() {
        contacts.save(contact(Channel.EMAIL));
        contacts.chooseAlerts(TENANT, ACCOUNT, AlertChoice.none("en"));
        Notifier notifier = speaking(email);

        notifier.notify(lowBalance("evt-low-2"));
        notifier.notify(topUp("evt-top-2"));

        assertThat(email.delivered).singleElement().satisfies(d -> {
            assertThat(d.notification().kind()).isEqualTo(NotificationKind.TOP_UP_RECEIVED);
            assertThat(d.message().text()).doesNotContain("/pay/alerts/stop/");
            assertThat(d.message().body()).contains("Questions? Ask your landlord, Harbour Estates.");
        });
    }

    @Test
    void givenTheOccupantUnsubscribedWithTheLinkWhenTheBalanceRunsLowAgainThenNothingIsSent() {
        AlertChoice kept = contacts.chooseAlerts(TENANT, ACCOUNT,
                new AlertChoice(java.util.Set.of(Channel.EMAIL), "ada@example.org", null, "en", null));
        Notifier notifier = speaking(email);
        notifier.notify(lowBalance("evt-low-3"));

        assertThat(contacts.unsubscribe(TENANT, kept.token())).contains(ACCOUNT);
        notifier.notify(lowBalance("evt-low-4"));

        assertThat(email.delivered).singleElement()
                .satisfies(d -> assertThat(d.notification().eventId()).isEqualTo("evt-low-3"));
        assertThat(contacts.alertChoice(TENANT, ACCOUNT)).hasValueSatisfying(choice -> {
            assertThat(choice.any()).isFalse();
            assertThat(choice.email()).isNull();
        });
    }

    @Test
    void givenTheOccupantChoseBothWhenTheLandlordNoLongerOffersSmsThenTheWarningGoesByEmailOnly() {
        contacts.chooseAlerts(TENANT, ACCOUNT, new AlertChoice(java.util.Set.of(Channel.EMAIL, Channel.SMS),
                "ada@example.org", "+8613812345678", "en", null));
        Voices landlord = (tenant, chosen) -> NotificationTexts.Voice.of("Harbour Estates", "en");
        Notifier emailOnly = new Notifier(contacts, log, new NotificationTexts("MeterLedger"), List.of(email, sms),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC), Duration.ofHours(24), 3, Duration.ZERO, landlord,
                path -> "https://pay.example" + path, tenant -> java.util.Set.of(Channel.EMAIL));

        emailOnly.notify(lowBalance("evt-low-offered"));

        assertThat(email.delivered).singleElement()
                .satisfies(d -> assertThat(d.recipient().email()).isEqualTo("ada@example.org"));
        assertThat(sms.calls).as("a channel the landlord stopped offering is not used").isZero();
        assertThat(log.row("evt-low-offered", Channel.SMS)).isNull();
    }
}
