package com.meterledger.api.shared;

import java.util.regex.Pattern;

/** The one rule for every typed id: short, printable, safe in URLs, topics and logs. */
public final class Ids {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Ids() {
    }

    public static String requireValid(String value, String what) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
