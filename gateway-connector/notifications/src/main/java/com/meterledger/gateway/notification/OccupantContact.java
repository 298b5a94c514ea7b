package com.meterledger.gateway.notification;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach the occupant of one account: personal data, kept in a deletable table and never put in an event.
 * {@code channels} are the occupant's preferences; each preferred channel needs its address.
 */
public record OccupantContact(TenantId tenant, AccountId accountId, String name, String email, String phone,
                              URI webhookUrl, Set<Channel> channels) {
    public OccupantContact {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(accountId, "accountId");
        channels = channels == null || channels.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(channels));
        if (channels.contains(Channel.EMAIL) && isBlank(email)) {
            throw new IllegalArgumentException("the EMAIL channel needs an e-mail address");
        }
        if (channels.contains(Channel.SMS) && isBlank(phone)) {
            throw new IllegalArgumentException("the SMS channel needs a phone number");
        }
        if (channels.contains(Channel.WEBHOOK) && webhookUrl == null) {
            throw new IllegalArgumentException("the WEBHOOK channel needs a webhook URL");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
