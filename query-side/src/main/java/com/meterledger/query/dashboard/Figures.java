package com.meterledger.query.dashboard;

import com.meterledger.api.account.AccountState;
import com.meterledger.api.shared.Utility;

import java.time.LocalDate;
import java.time.YearMonth;

/** Names of the rows of {@code dashboard_figure}: a period ('' for current figures, a day or a month) and a figure. */
final class Figures {
    static final String CURRENT = "";

    private Figures() {
    }

    static String period(LocalDate day) {
        return day.toString();
    }

    static String period(YearMonth month) {
        return month.toString();
    }

    static String accounts(AccountState.Standing standing) {
        return "accounts:" + standing.name();
    }

    static String arrears(String currency) {
        return "arrears:" + currency;
    }

    static String consumption(Utility utility) {
        return "consumption:" + utility.name();
    }

    static String charges(String currency) {
        return "charges:" + currency;
    }

    static String credits(String currency) {
        return "credits:" + currency;
    }

    static final String METERS = "meters";
    /** Control commands of a day that the meter carried out (confirmed), and those that ended without (missed). */
    static final String COMMANDS_CONFIRMED = "commands:confirmed";
    static final String COMMANDS_MISSED = "commands:missed";
}
