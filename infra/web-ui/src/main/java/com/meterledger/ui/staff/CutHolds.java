package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.core.supply.FriendlyHold;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the tenant's friendly window says now about a cut it holds: until when, and which settings hold it. Worked out
 * as a page is shown from the window the tenant has now ({@link SupplyCalendars}), not stored with the hold, so a
 * change of the friendly hours shows at once. The words are the templates'.
 */
@Component
public class CutHolds {
    private final SupplyCalendars calendars;

    public CutHolds(SupplyCalendars calendars) {
        this.calendars = calendars;
    }

    /**
     * The window as it stands now in the tenant's zone.
     *
     * @param until  the window's end, local to {@code zone}
     * @param heldBy the settings that hold this moment; empty when the window no longer covers it (the hours were
     *               changed), and supply control cuts at its next look
     */
    public record Now(ZoneId zone, ZonedDateTime until, List<FriendlyHold> heldBy) {
        public boolean holds() {
            return !heldBy.isEmpty();
        }
    }

    public Now now(TenantId tenant) {
        FriendlyWindow window = calendars.of(tenant.value());
        Instant now = Instant.now();
        return new Now(window.zone(), window.end(now).atZone(window.zone()), window.holds(now));
    }
}
