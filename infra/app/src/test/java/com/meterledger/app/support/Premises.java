package com.meterledger.app.support;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's premises for a test, all named after one id: property {@code p-<id>}, unit {@code u-<id>}, electricity
 * meter {@code m-<id>} and its prepaid account {@code a-<id>}, through the real REST API.
 */
public final class Premises {
    private Premises() {
    }

    /** Property, unit and meter, no account yet. */
    public static void unitWithMeter(Api landlord, String id) {
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Test Court %s"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                {"unitId":"u-%s","name":"Flat 1"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
    }

    /** Move-in: the unit with its meter and an account priced flat at {@code pricePerUnitMinor}, opened at {@code at}. */
    public static void moveIn(Api landlord, String id, String pricePerUnitMinor, Instant at, String openingRegister) {
        unitWithMeter(landlord, id);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"%s",
                 "openingReadAt":"%s","openingRegister":"%s"}"""
                .formatted(id, id, id, pricePerUnitMinor, at, openingRegister)).status()).isEqualTo(201);
    }
}
