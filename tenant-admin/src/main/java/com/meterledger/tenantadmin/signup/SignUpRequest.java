package com.meterledger.tenantadmin.signup;

/**
 * What a property group fills in to sign up. The administrator's name and e-mail go to the people table (personal
 * data, erasable), never into an event.
 */
public record SignUpRequest(String organisationName, String slug, String country, String currency, String timeZone,
                            String language, String administratorName, String administratorEmail) {
}
