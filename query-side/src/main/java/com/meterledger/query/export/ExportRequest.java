package com.meterledger.query.export;

import com.meterledger.api.shared.FreeText;

import java.time.Instant;

/**
 * What to export. {@code report}: {@code property-period} (one row per account of {@code propertyId} in
 * [from, to)), {@code tenant-period} (every account of the tenant in [from, to), property by property) or
 * {@code head-office} (the roll-up of {@code month}, YYYY-MM). {@code format}: {@code XLSX} or {@code CSV}.
 * Its text passes {@link FreeText} as it is read: a NUL in {@code propertyId} made the job's row fail with a 500.
 */
public record ExportRequest(String report, String format, String propertyId, Instant from, Instant to,
                            String month) {
    public ExportRequest {
        FreeText.require("report", report, FreeText.NAME);
        FreeText.require("format", format, FreeText.NAME);
        FreeText.require("propertyId", propertyId, FreeText.NAME);
        FreeText.require("month", month, FreeText.NAME);
    }
}
