package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives one unit's account through REST, at 100 minor units per kWh so every charge is easy to compute by hand.
 * Ids are {@code p-/u-/m-/a-<id>}; readings are one hour apart from the move-in.
 */
public final class AccountDriver {
    public final Api api;
    final String id;
    final Instant moveIn;
    private String property;
    private int hour;

    public AccountDriver(Api api, Instant moveIn) {
        this(api, moveIn, UUID.randomUUID().toString().substring(0, 8));
    }

    AccountDriver(Api api, Instant moveIn, String id) {
        this.api = api;
        this.moveIn = moveIn;
        this.id = id;
        this.property = "p-" + id;
    }

    /** A further account in the same property as {@code other}. */
    public static AccountDriver sameProperty(AccountDriver other) {
        AccountDriver driver = new AccountDriver(other.api, other.moveIn);
        driver.property = other.property;
        return driver;
    }

    public String account() {
        return "a-" + id;
    }

    public String meter() {
        return "m-" + id;
    }

    public String property() {
        return property;
    }

    public AccountDriver property(String name) {
        assertThat(api.post("/api/properties", """
                {"propertyId":"%s","name":"%s"}""".formatted(property(), json(name))).status()).isEqualTo(201);
        return this;
    }

    /** A unit of this driver's property with its meter and account; this driver then speaks for that account. */
    public AccountDriver moveIn(String unitSuffix, String unitName) {
        String unit = "u-" + id + unitSuffix;
        assertThat(api.post("/api/properties/%s/units".formatted(property()), """
                {"unitId":"%s","name":"%s"}""".formatted(unit, json(unitName))).status()).isEqualTo(201);
        assertThat(api.post("/api/meters", """
                {"meterId":"%s","unitId":"%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(meter(), unit, id)).status()).isEqualTo(201);
        assertThat(api.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"100",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(account(), unit, meter(), moveIn)).status())
                .isEqualTo(201);
        return this;
    }

    public void topUp(long amount, String reference) {
        assertThat(api.post("/api/accounts/%s/top-ups".formatted(account()), """
                {"amountMinor":%d,"currency":"EUR","reference":"%s"}""".formatted(amount, reference)).status())
                .isEqualTo(201);
    }

    public void refund(long amount, String reason) {
        assertThat(api.post("/api/accounts/%s/refunds".formatted(account()), """
                {"amountMinor":%d,"currency":"EUR","reason":"%s"}""".formatted(amount, json(reason)))
                .status()).isEqualTo(201);
    }

    /** A manual adjustment within the approval limit (applied at once); {@code amount} carries its sign. */
    void adjust(long amount, String reason) {
        assertThat(api.post("/api/accounts/%s/adjustments".formatted(account()), """
                {"adjustmentId":"%s","amountMinor":%d,"currency":"EUR","reason":"%s"}"""
                .formatted(UUID.randomUUID(), amount, json(reason))).status()).isEqualTo(201);
    }

    /** Returns the reading's time. */
    public Instant read(String register) {
        Instant at = moveIn.plus(Duration.ofHours(++hour));
        assertThat(api.post("/api/meters/%s/readings".formatted(meter()), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at, register)).status()).isEqualTo(201);
        return at;
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** An instant strictly after everything done so far and strictly before anything done next. */
    public static Instant mark() throws InterruptedException {
        Thread.sleep(15);
        Instant mark = Instant.now();
        Thread.sleep(15);
        return mark;
    }

    /** The point-in-time replay now states this balance, and the projection agrees with it. */
    public void assertAgreesWithReplay(long expected) {
        JsonNode answer = api.get("/api/audit/accounts/%s/balance?at=%s".formatted(account(), Instant.now())).body();
        assertThat(answer.path("balanceMinor").asLong(-1)).isEqualTo(expected);
        assertThat(answer.path("projection").path("currentBalanceMinor").asLong(-1)).isEqualTo(expected);
        assertThat(answer.path("projection").path("agreesAt").asBoolean()).isTrue();
    }
}
