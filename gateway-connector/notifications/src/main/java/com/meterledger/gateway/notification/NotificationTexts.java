package com.meterledger.gateway.notification;

import com.meterledger.api.shared.Money;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.meterledger.gateway.notification.Amounts.format;

/** Says what happened in plain words. English only for now; one place to add languages later. */
public class NotificationTexts {
    private final String signature;

    public NotificationTexts(String signature) {
        this.signature = signature == null || signature.isBlank() ? "MeterLedger" : signature;
    }

    public RenderedMessage render(Notification n, String recipientName) {
        String account = n.accountId().value();
        String subject;
        String text;
        switch (n.kind()) {
            case LOW_BALANCE -> {
                subject = "Low balance: " + format(required(n.balance(), "balance")) + " left";
                text = "The balance of your prepaid account " + account + " is down to " + format(n.balance())
                        + ", below warning level " + n.warningLevel() + " of "
                        + format(required(n.threshold(), "threshold")) + ". Please top up soon to keep your supply on.";
            }
            case DEPLETED -> {
                subject = "Your balance has run out";
                text = "The balance of your prepaid account " + account + " has run out: it is "
                        + format(required(n.balance(), "balance")) + " (the cut-off level is "
                        + format(required(n.threshold(), "cut-off level")) + "). Your supply may be switched off;"
                        + " top up to keep it on.";
            }
            case SUPPLY_OFF -> {
                subject = "Your supply has been switched off";
                text = "The supply to meter " + meter(n) + " of your prepaid account " + account
                        + " has been switched off. It is switched back on after a top-up.";
            }
            case SUPPLY_ON -> {
                subject = "Your supply is on again";
                text = "The supply to meter " + meter(n) + " of your prepaid account " + account
                        + " has been switched on again.";
            }
            case TOP_UP_RECEIVED -> {
                subject = "Top-up received: " + format(required(n.amount(), "amount"));
                text = "We received your top-up of " + format(n.amount()) + " for your prepaid account " + account
                        + (n.reference() == null || n.reference().isBlank() ? "" : " (reference " + n.reference() + ")")
                        + ". Your balance is now " + format(required(n.balance(), "balance")) + ".";
            }
            case PAYMENT_LINK -> {
                subject = "Top up your prepaid account " + account;
                text = "Top up your prepaid account " + account + " and see its balance here: " + n.reference()
                        + " (valid until " + DateTimeFormatter.ISO_LOCAL_DATE.format(n.occurredAt().atZone(ZoneOffset.UTC))
                        + ").";
            }
            default -> throw new IllegalStateException("no text for " + n.kind());
        }
        String greeting = recipientName == null || recipientName.isBlank() ? "Hello," : "Hello " + recipientName.strip() + ",";
        String body = greeting + "\n\n" + text + "\n\n" + signature + "\n";
        return new RenderedMessage(subject, text, body);
    }

    private static String meter(Notification n) {
        return n.meterId() == null ? "(unknown)" : n.meterId().value();
    }

    private static Money required(Money money, String what) {
        if (money == null) {
            throw new IllegalArgumentException("a notification of this kind needs its " + what);
        }
        return money;
    }
}
