package com.meterledger.ui.occupant;

/**
 * An address shown in part: enough for the occupant to recognise their own, too little for whoever the link was
 * forwarded to to learn it. {@code w•••@example.cn}, {@code +86•••••5678}.
 */
final class Masked {
    private static final String DOTS = "•••";

    private Masked() {
    }

    static String email(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? DOTS : email.charAt(0) + DOTS + email.substring(at);
    }

    static String phone(String phone) {
        return phone.length() <= 7 ? DOTS : phone.substring(0, 3) + DOTS + phone.substring(phone.length() - 4);
    }
}
