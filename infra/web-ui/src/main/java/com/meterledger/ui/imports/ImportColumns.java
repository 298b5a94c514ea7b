package com.meterledger.ui.imports;

import java.util.List;

/** The import file's columns, in the order of the template; {@code property} and {@code unit} are required. */
public final class ImportColumns {
    public static final String PROPERTY = "property";
    public static final String UNIT = "unit";
    public static final String UNIT_NAME = "unit_name";
    public static final String METER = "meter";
    public static final String UTILITY = "utility";
    public static final String SERIAL = "serial";
    public static final String ACCOUNT = "account";
    public static final String CURRENCY = "currency";
    public static final String TARIFF = "tariff";
    public static final String OPENING_READ_AT = "opening_read_at";
    public static final String OPENING_REGISTER = "opening_register";
    public static final String OPENING_BALANCE = "opening_balance";
    public static final String OCCUPANT_NAME = "occupant_name";
    public static final String OCCUPANT_EMAIL = "occupant_email";
    public static final String OCCUPANT_PHONE = "occupant_phone";

    public static final List<String> ALL = List.of(PROPERTY, UNIT, UNIT_NAME, METER, UTILITY, SERIAL, ACCOUNT,
            CURRENCY, TARIFF, OPENING_READ_AT, OPENING_REGISTER, OPENING_BALANCE, OCCUPANT_NAME, OCCUPANT_EMAIL,
            OCCUPANT_PHONE);
    public static final List<String> REQUIRED = List.of(PROPERTY, UNIT);

    private ImportColumns() {
    }

    /** The column of an API request's field, so that a refusal by the API's own rule names the file's column. */
    static String ofField(String field) {
        return switch (field) {
            case "propertyId" -> PROPERTY;
            case "unitId" -> UNIT;
            case "name" -> UNIT_NAME;
            case "meterId" -> METER;
            case "utility" -> UTILITY;
            case "serialNumber" -> SERIAL;
            case "accountId" -> ACCOUNT;
            case "currency" -> CURRENCY;
            case "tariffId" -> TARIFF;
            case "openingReadAt" -> OPENING_READ_AT;
            case "openingRegister" -> OPENING_REGISTER;
            case "amountMinor" -> OPENING_BALANCE;
            case "email" -> OCCUPANT_EMAIL;
            case "phone" -> OCCUPANT_PHONE;
            default -> field;
        };
    }
}
