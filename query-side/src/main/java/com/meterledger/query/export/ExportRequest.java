package com.meterledger.query.export;

import java.time.Instant;

/**
 * What to export. {@code report}: {@code property-period} (one row per account of {@code propertyId} in
 * [from, to)), {@code tenant-period} (every account of the tenant in [from, to), property by property) or
 * {@code head-office} (the roll-up of {@code month}, YYYY-MM). {@code format}: {@code XLSX} or {@code CSV}.
 */
public record ExportRequest(String report, String format, String propertyId, Instant from, Instant to,
                            String month) {
}
