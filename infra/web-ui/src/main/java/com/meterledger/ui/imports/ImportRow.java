package com.meterledger.ui.imports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row's values in the API's types, read from the columns of {@link ImportColumns}. Absent parts are null: a row
 * may describe only a unit, a unit and its meter, or all the way to the account, its opening balance and the
 * occupant's contact.
 */
public record ImportRow(String propertyId, String unitId, String unitName, String meterId, String utility,
                        String serialNumber, String accountId, String currency, String tariffId, Instant openingReadAt,
                        BigDecimal openingRegister, Long openingBalanceMinor, String occupantName, String occupantEmail,
                        String occupantPhone) {
    public boolean hasMeter() {
        return meterId != null;
    }

    public boolean hasAccount() {
        return accountId != null;
    }

    public boolean hasContact() {
        return occupantName != null || occupantEmail != null || occupantPhone != null;
    }
}
