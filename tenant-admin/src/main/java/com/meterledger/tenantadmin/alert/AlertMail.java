package com.meterledger.tenantadmin.alert;

import com.meterledger.api.alert.NotifyStaffOfAlert;
import com.meterledger.api.mail.SendStaffEmail;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.tenantadmin.tenant.TenantNotificationChannels;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * An alert that opened, told to the tenant's administrators by e-mail in the tenant's language: the tenant-admin module
 * knows who they are ({@code staff_membership}, {@code staff_person}), so the alert module never sees an address. Each
 * mail is a {@link SendStaffEmail} for the notification providers' adapter; a tenant that is not data (configured in
 * YAML) has no people to tell. A tenant that set an address for staff alerts (its notification channels) is told
 * there once, instead of each administrator.
 */
@Component
public class AlertMail {
    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TenantNotificationChannels channels;

    public AlertMail(JdbcClient jdbc, CommandGateway commands, TenantNotificationChannels channels) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.channels = channels;
    }

    /** @return how many addresses were sent the alert (the staff alerts' own address, or each administrator's) */
    @CommandHandler
    public int handle(NotifyStaffOfAlert command, @MetaDataValue(TENANT) String tenant) {
        if (!command.tenantId().sameAs(tenant)) {
            return 0;
        }
        Recipients recipients = recipientsOf(command.tenantId());
        Locale locale = Locale.forLanguageTag(recipients.language());
        ResourceBundle texts = ResourceBundle.getBundle(AlertMail.class.getName(), locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String what = text(texts, "kind." + command.kind(), command.kind());
        String subject = new MessageFormat(texts.getString("subject"), locale)
                .format(new Object[]{what, command.subjectId()});
        String body = new MessageFormat(texts.getString("body"), locale)
                .format(new Object[]{what, command.subjectType(), command.subjectId(), command.rule()});
        for (String address : recipients.addresses()) {
            commands.send(GenericCommandMessage.asCommandMessage(new SendStaffEmail(address, subject, body))
                    .andMetaData(Map.of(MetadataKeys.TENANT, tenant)));
        }
        return recipients.addresses().size();
    }

    private record Recipients(String language, List<String> addresses) {
    }

    /** In the command's transaction, bound to its tenant: the memberships are the tenant's own rows. */
    private Recipients recipientsOf(TenantId tenant) {
        String language = jdbc.sql("select language from tenant where tenant_id = ?").param(tenant.value())
                .query(String.class).optional().orElse("en");
        String own = channels.channelsOf(tenant).staffAlertAddress();
        if (own != null) {
            return new Recipients(language, List.of(own));
        }
        List<String> addresses = jdbc.sql("""
                        select p.email from staff_membership m join staff_person p on p.person_id = m.person_id
                        where m.tenant_id = ? and 'TENANT_ADMIN' = any (m.roles) and p.state = 'ACTIVE'
                        order by p.email""")
                .param(tenant.value()).query(String.class).list();
        return new Recipients(language, addresses);
    }

    private static String text(ResourceBundle texts, String key, String otherwise) {
        try {
            return texts.getString(key);
        } catch (MissingResourceException e) {
            return otherwise;
        }
    }
}
