package com.meterledger.api.shared;

/** What a meter measures, and the unit its registers count in. */
public enum Utility {
    ELECTRICITY("kWh"),
    WATER("m3");

    private final String registerUnit;

    Utility(String registerUnit) {
        this.registerUnit = registerUnit;
    }

    public String registerUnit() {
        return registerUnit;
    }
}
