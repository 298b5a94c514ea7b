package com.meterledger.query.alert;

import java.util.Locale;

/** The conditions of the alerts inbox, each about one kind of thing (its subject), which the alert links to. */
public enum AlertKind {
    GATEWAY_OFFLINE("gateway"),
    METER_NOT_READ("meter"),
    COMMAND_FAILED("meter"),
    READINGS_REJECTED("meter"),
    ACCOUNT_AT_ZERO("account"),
    ARREARS_ABOVE_LEVEL("account"),
    NIGHT_FLOW("meter"),
    CONSUMPTION_WHILE_OFF("meter"),
    CONSUMPTION_DROP("meter"),
    LINE_LOSS("meter");

    private final String subjectType;

    AlertKind(String subjectType) {
        this.subjectType = subjectType;
    }

    public String subjectType() {
        return subjectType;
    }

    /** The kind as it appears in alert ids and message keys: {@code meter-not-read}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
