package com.meterledger.api.tenant;

import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.FreeText;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which channels a tenant offers its occupants for low-balance alerts, and the one address its staff alerts go to,
 * if any. Kept as data apart from {@link TenantSettings} (its own command, event and form section), so changing one
 * never rewrites the other. An occupant chooses among the offered channels only; a channel the tenant stops offering
 * is no longer used for anyone's alerts, without a restart (each alert reads the tenant's channels).
 *
 * <p>The staff address is a mailbox of the landlord's (e.g. the control room's), read by the alert mail only. It is
 * not in {@link NotificationChannelsChanged}: like a person's e-mail ({@code PersonInvited}), an address stays out of
 * the history, so the history never has to be rewritten to forget it.
 *
 * @param occupantChannels  e-mail, SMS or both; never none (a tenant that wants no alerts says so by its occupants
 *                          choosing none)
 * @param staffAlertAddress where alerts for staff are mailed instead of to each administrator; null: to the
 *                          administrators
 */
public record NotificationChannels(Set<OccupantChannel> occupantChannels, String staffAlertAddress) {
    public static final String RULE = "notification-channels-invalid";
    public static final String ADDRESS_MALFORMED = "staff-alert-address-malformed";
    /** One @, a dot in the domain, no space or control character (the occupant form's rule, AlertChoiceRule). */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    public NotificationChannels {
        if (occupantChannels == null || occupantChannels.isEmpty()
                || occupantChannels.stream().anyMatch(Objects::isNull)) {
            throw new FieldRejected("occupantChannels", RULE, Reason.of("channels-occupant-none",
                    "offer EMAIL, SMS or both"));
        }
        if (occupantChannels.contains(OccupantChannel.WEBHOOK)) {
            throw new FieldRejected("occupantChannels", RULE, Reason.of("channels-occupant-webhook",
                    "EMAIL or SMS: a webhook is the staff's systems' channel, not an occupant's"));
        }
        occupantChannels = Set.copyOf(EnumSet.copyOf(occupantChannels));
        FreeText.require("staffAlertAddress", staffAlertAddress, 254);
        staffAlertAddress = staffAlertAddress == null || staffAlertAddress.isBlank() ? null : staffAlertAddress.strip();
        if (staffAlertAddress != null && !EMAIL.matcher(staffAlertAddress).matches()) {
            throw new FieldRejected("staffAlertAddress", ADDRESS_MALFORMED, "must be an e-mail address, such as "
                    + "control-room@example.com");
        }
    }

    /** What every tenant had before this setting: both channels, staff alerts to the administrators. */
    public static NotificationChannels standard() {
        return new NotificationChannels(EnumSet.of(OccupantChannel.EMAIL, OccupantChannel.SMS), null);
    }

    public boolean offers(OccupantChannel channel) {
        return occupantChannels.contains(channel);
    }
}
