package com.meterledger.ui.staff;

import com.meterledger.query.trail.AuditTrailSearch;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The audit trail's summaries of access events (people, sign-in, machine clients) and of the registry's additions and
 * corrections in the reader's language. The trail
 * stores one English summary per event ({@code "Person invited: memberId=m-1, personId=..., roles=[FINANCE]"}), written
 * by the projection for full-text search; this reads its fields back and words them with the message
 * {@code audit.summary.<type>}, roles by their names ({@code role.<ROLE>}) and moments on the tenant's clock. An event
 * without such a message, or a summary that does not read as fields, is shown as stored.
 */
public final class AccessSummaries {
    /** The fields each access event's message takes, in the order of its arguments. */
    public static final Map<String, List<String>> ARGUMENTS = Map.ofEntries(
            Map.entry("PersonInvited", List.of("personId", "memberId", "roles", "properties")),
            Map.entry("InvitationAccepted", List.of("personId", "memberId")),
            Map.entry("PersonRolesChanged", List.of("personId", "previousRoles", "roles", "previousProperties",
                    "properties")),
            Map.entry("PersonDeactivated", List.of("personId", "memberId")),
            Map.entry("PersonReactivated", List.of("personId", "memberId")),
            Map.entry("SignInLockedOut", List.of("personId", "failures", "lockedUntil")),
            Map.entry("SecondFactorEnrolled", List.of("personId", "memberId")),
            Map.entry("SecondFactorRemoved", List.of("personId", "memberId")),
            Map.entry("PasswordChanged", List.of("personId", "memberId")),
            Map.entry("MachineClientRegistered", List.of("clientId", "kind", "name", "roles", "properties")),
            Map.entry("MachineClientSecretRotated", List.of("clientId")),
            Map.entry("MachineClientRevoked", List.of("clientId")),
            Map.entry("SecondFactorPolicyChanged", List.of("policy.requiredForAdministratorsAndFinance")),
            // channels: the occupants' alert channels (the staff address itself is in no event) and the SMS sender
            Map.entry("NotificationChannelsChanged", List.of("occupantChannels", "staffAlertAddressSet")),
            Map.entry("SmsSenderNameChanged", List.of("senderName")),
            // remembered phones (issue 17 item 2): who let a phone in, until when, and why it ended
            Map.entry("DeviceRemembered", List.of("deviceId", "accountId", "linkId", "expiresAt")),
            Map.entry("RememberedDeviceEnded", List.of("deviceId", "accountId", "reason")),
            // the registry's history: what a property or a unit was called when added, and from each correction on
            Map.entry("PropertyAdded", List.of("propertyId", "name", "address")),
            Map.entry("UnitAdded", List.of("unitId", "propertyId", "name")),
            Map.entry("PropertyDetailsChanged", List.of("propertyId", "name", "address")),
            Map.entry("UnitRenamed", List.of("unitId", "propertyId", "name")));
    /** A field starts after ", " where a name and "=" follow: a value may hold commas, a name never does. */
    private static final Pattern FIELD = Pattern.compile(", (?=[A-Za-z][A-Za-z0-9.]*=)");
    private static final Pattern LIST = Pattern.compile("\\[(.*)]");
    private static final Pattern COUNTED = Pattern.compile("(\\d+) items");

    private final MessageSource messages;
    private final UiFormat format;

    public AccessSummaries(MessageSource messages, UiFormat format) {
        this.messages = messages;
        this.format = format;
    }

    public String of(AuditTrailSearch.Entry entry) {
        return of(entry.type(), entry.summary());
    }

    String of(String type, String summary) {
        List<String> arguments = ARGUMENTS.get(type);
        if (arguments == null || summary == null) {
            return summary;
        }
        Map<String, String> fields = fields(summary);
        Object[] values = arguments.stream().map(name -> value(name, fields.get(name))).toArray();
        return messages.getMessage("audit.summary." + type, values, summary, locale());
    }

    /** "Words: a=1, b=x" as its fields; nothing before the colon, or no colon: no fields. */
    static Map<String, String> fields(String summary) {
        int colon = summary.indexOf(": ");
        Map<String, String> fields = new HashMap<>();
        if (colon < 0) {
            return fields;
        }
        for (String part : FIELD.split(summary.substring(colon + 2))) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return fields;
    }

    private String value(String name, String raw) {
        if (raw == null) {
            return "—";
        }
        var list = LIST.matcher(raw);
        if (list.matches()) {
            return Arrays.stream(list.group(1).split(" ")).filter(item -> !item.isBlank())
                    .map(item -> name.toLowerCase(Locale.ROOT).endsWith("roles") ? role(item)
                            : name.endsWith("Channels") ? messages.getMessage("channel." + item, null, item, locale())
                            : item)
                    .collect(Collectors.joining(messages.getMessage("audit.summary.separator", null, ", ", locale())));
        }
        var counted = COUNTED.matcher(raw);
        if (counted.matches()) {
            return messages.getMessage("audit.summary.items", new Object[]{Long.parseLong(counted.group(1))}, raw,
                    locale());
        }
        if (name.endsWith("requiredForAdministratorsAndFinance")) {
            return "true".equals(raw) ? messages.getMessage("audit.summary.required.true", null, raw, locale())
                    : messages.getMessage("audit.summary.required.false", null, raw, locale());
        }
        if (name.equals("staffAlertAddressSet")) {
            return messages.getMessage("audit.summary.staff-address." + raw, null, raw, locale());
        }
        if (name.equals("reason") && raw.matches("[A-Z_]+")) {
            return messages.getMessage("account.devices.ended." + raw, null, raw, locale());
        }
        if (name.equals("lockedUntil") || name.equals("expiresAt")) {
            try {
                return format.time(Instant.parse(raw));
            } catch (DateTimeParseException e) {
                return raw;
            }
        }
        return raw;
    }

    private String role(String code) {
        return messages.getMessage("role." + code, null, code, locale());
    }

    private Locale locale() {
        return format.locale();
    }
}
