package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The occupant's own choice of low-balance alerts, made on the portal: by e-mail, by SMS, both or none (opted out).
 * Personal data: kept in the deletable contact row only, never in an event. Once the occupant chose, their choice
 * decides low-balance warnings (their addresses, their channels, none after they opted out); the staff's contact
 * still carries every other notification.
 *
 * @param language the language the occupant read the portal in when choosing ({@code zh-CN}, {@code en})
 * @param token    what the unsubscribe link in each alert carries; it can only turn the alerts off
 */
public record AlertChoice(Set<Channel> channels, String email, String phone, String language, String token) {
    public AlertChoice {
        channels = channels == null || channels.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(channels));
        if (channels.contains(Channel.WEBHOOK)) {
            throw new IllegalArgumentException("an occupant chooses e-mail or SMS, not webhooks");
        }
        if (channels.contains(Channel.EMAIL) != (email != null)) {
            throw new IllegalArgumentException("an e-mail address is kept exactly when alerts go by e-mail");
        }
        if (channels.contains(Channel.SMS) != (phone != null)) {
            throw new IllegalArgumentException("a phone number is kept exactly when alerts go by SMS");
        }
    }

    /** Opted out: no channel, no address kept. */
    public static AlertChoice none(String language) {
        return new AlertChoice(Set.of(), null, null, language, null);
    }

    public boolean any() {
        return !channels.isEmpty();
    }

    /** Whom a low-balance warning goes to: the occupant's own addresses, under the name the staff know them by. */
    OccupantContact asRecipient(TenantId tenant, AccountId account, String name) {
        return asRecipient(tenant, account, name, channels);
    }

    /** The same, over the chosen channels the landlord still offers (channels: its notification channels). */
    OccupantContact asRecipient(TenantId tenant, AccountId account, String name, Set<Channel> offered) {
        Set<Channel> used = EnumSet.noneOf(Channel.class);
        used.addAll(channels);
        used.retainAll(offered);
        return new OccupantContact(tenant, account, name, used.contains(Channel.EMAIL) ? email : null,
                used.contains(Channel.SMS) ? phone : null, null, used);
    }
}
