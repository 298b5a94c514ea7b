package com.meterledger.tenantadmin.signup;

import com.meterledger.api.mail.SendStaffEmail;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** The verification mail, in the language and time zone the property group chose at sign-up. */
final class SignUpMail {
    private SignUpMail() {
    }

    static SendStaffEmail verification(SignUpForm form, String link, Instant expiresAt) {
        Locale locale = Locale.forLanguageTag(form.profile().language());
        ResourceBundle texts = ResourceBundle.getBundle(SignUpMail.class.getName(), locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        ZoneId zone = form.profile().zone();
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .format(expiresAt.atZone(zone)) + " (" + zone.getId() + ")";
        String organisation = form.profile().organisationName();
        return new SendStaffEmail(form.administratorEmail(),
                new MessageFormat(texts.getString("subject"), locale).format(new Object[]{organisation}),
                new MessageFormat(texts.getString("body"), locale)
                        .format(new Object[]{form.administratorName(), organisation, until, link}));
    }
}
