package com.meterledger.gateway.notification;

import com.meterledger.api.tenant.FindLandlord;
import com.meterledger.api.tenant.Landlord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindWebhookSecret;
import com.meterledger.api.tenant.FindNotificationChannels;
import com.meterledger.api.tenant.FindSmsSenderName;
import com.meterledger.api.tenant.NotificationChannels;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.tenant.SmsSenderName;
import java.util.EnumSet;
import java.util.Set;
import com.meterledger.gateway.notification.email.EmailAdapter;
import com.meterledger.gateway.notification.email.StaffEmailSender;
import com.meterledger.gateway.notification.sms.SmsAdapter;
import com.meterledger.gateway.notification.webhook.WebhookAdapter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Wires the notification port's adapters, the stores and the "notifications" tracking processor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
@ConditionalOnProperty(prefix = "meterledger.notifications", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class NotificationConfiguration {

    @Bean
    OccupantContacts occupantContacts(JdbcClient jdbc) {
        return new JdbcOccupantContacts(jdbc);
    }

    @Bean
    AccountDirectory notificationAccountDirectory(JdbcClient jdbc) {
        return new JdbcAccountDirectory(jdbc);
    }

    @Bean
    NotificationLog notificationLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new JdbcNotificationLog(jdbc, transactions);
    }

    /**
     * The landlord's organisation and language (tenant-admin answers {@link FindLandlord}); a tenant configured by the
     * platform, or one that cannot be asked now, signs with the configured signature.
     */
    @Bean
    Voices notificationVoices(QueryGateway queries, NotificationProperties properties) {
        NotificationTexts texts = new NotificationTexts(properties.signature());
        Voices standard = Voices.standard(texts);
        return (tenant, chosen) -> {
            Optional<Landlord> landlord;
            try {
                landlord = queries.query(new FindLandlord(tenant), ResponseTypes.optionalInstanceOf(Landlord.class))
                        .join();
            } catch (RuntimeException unanswered) {
                landlord = Optional.empty();
            }
            return landlord.map(l -> NotificationTexts.Voice.of(l.name(), chosen == null ? l.language() : chosen))
                    .orElseGet(() -> standard.of(tenant, chosen));
        };
    }

    /**
     * channels: the tenant's notification channels, asked of tenant-admin ({@link FindNotificationChannels}) on each
     * use. A tenant configured by the platform, or one that cannot be asked now, offers the standard e-mail and SMS.
     */
    @Bean
    OfferedChannels offeredChannels(QueryGateway queries) {
        OfferedChannels standard = OfferedChannels.standard();
        return tenant -> {
            NotificationChannels channels;
            try {
                channels = queries.query(new FindNotificationChannels(tenant),
                        ResponseTypes.instanceOf(NotificationChannels.class)).join();
            } catch (RuntimeException unanswered) {
                return standard.of(tenant);
            }
            if (channels == null) {
                return standard.of(tenant);
            }
            Set<Channel> offered = EnumSet.noneOf(Channel.class);
            if (channels.offers(OccupantChannel.EMAIL)) {
                offered.add(Channel.EMAIL);
            }
            if (channels.offers(OccupantChannel.SMS)) {
                offered.add(Channel.SMS);
            }
            return offered;
        };
    }

    @Bean
    Notifier notifier(OccupantContacts contacts, NotificationLog notificationLog, List<NotificationPort> ports,
                      NotificationProperties properties, Voices voices, OfferedChannels offeredChannels,
                      @Value("${meterledger.auth.payment-links.base-url:}") String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return new Notifier(contacts, notificationLog, new NotificationTexts(properties.signature()), ports,
                Clock.systemUTC(), properties.maxAge(), properties.maxAttempts(), properties.retryBackoff(), voices,
                path -> base + path, offeredChannels);
    }

    @Bean
    PaymentLinkSender paymentLinkSender(OccupantContacts contacts, List<NotificationPort> ports,
                                        NotificationProperties properties, Voices voices) {
        return new PaymentLinkSender(contacts, new NotificationTexts(properties.signature()), ports, voices);
    }

    @Bean
    ContactErasure contactErasure(OccupantContacts contacts) {
        return new ContactErasure(contacts);
    }

    @Bean
    NotificationEventHandlers notificationEventHandlers(Notifier notifier, AccountDirectory directory) {
        return new NotificationEventHandlers(notifier, directory);
    }

    /**
     * Its own tracking processor, one event per transaction, starting at the tail of the store so that the
     * meter-to-account directory is complete (the max-age rule keeps old events from being sent). It looks for an
     * unclaimed segment every {@code claim-interval} like the pooled processors (Axon's default of 5 s added up to 5 s
     * to a takeover after a node died, issue 19).
     */
    @Bean
    ConfigurerModule notificationsProcessor(@Value("${meterledger.processors.claim-interval:1s}")
                                            Duration claimInterval) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessor(
                NotificationEventHandlers.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(1)
                        .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)));
    }

    /**
     * Declared as the interface on purpose: Boot's mail health indicator attaches itself to JavaMailSenderImpl beans,
     * and an SMTP hiccup must not turn the application's health DOWN. Failed mail is visible in notification_log.
     */
    @Bean
    @ConditionalOnProperty(prefix = "meterledger.notifications.email", name = "enabled", havingValue = "true")
    JavaMailSender notificationMailSender(NotificationProperties properties) {
        NotificationProperties.Email email = properties.email();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.host());
        sender.setPort(email.port());
        sender.setUsername(email.username());
        sender.setPassword(email.password());
        sender.setDefaultEncoding("UTF-8");
        Properties mail = new Properties();
        String timeout = String.valueOf(email.timeout().toMillis());
        mail.put("mail.smtp.connectiontimeout", timeout);
        mail.put("mail.smtp.timeout", timeout);
        mail.put("mail.smtp.writetimeout", timeout);
        mail.put("mail.smtp.auth", String.valueOf(email.username() != null && !email.username().isBlank()));
        mail.put("mail.smtp.starttls.enable", String.valueOf(email.starttls()));
        mail.put("mail.smtp.starttls.required", String.valueOf(email.starttls()));
        sender.setJavaMailProperties(mail);
        return sender;
    }

    @Bean
    @ConditionalOnProperty(prefix = "meterledger.notifications.email", name = "enabled", havingValue = "true")
    EmailAdapter emailAdapter(@Qualifier("notificationMailSender") JavaMailSender notificationMailSender,
                              NotificationProperties properties) {
        return new EmailAdapter(notificationMailSender, properties.email().from());
    }

    @Bean
    @ConditionalOnProperty(prefix = "meterledger.notifications.email", name = "enabled", havingValue = "true")
    StaffEmailSender staffEmailSender(@Qualifier("notificationMailSender") JavaMailSender notificationMailSender,
                                      NotificationProperties properties) {
        return new StaffEmailSender(notificationMailSender, properties.email().from());
    }

    @Bean
    @ConditionalOnProperty(prefix = "meterledger.notifications.sms", name = "enabled", havingValue = "true")
    SmsAdapter smsAdapter(NotificationProperties properties, QueryGateway queries) {
        NotificationProperties.Sms sms = properties.sms();
        // channels: the tenant's own sender name, asked as each SMS goes; the configured one when it has none
        return new SmsAdapter(sms.endpoint(), sms.apiKeyHeader(), sms.apiKey(), sms.sender(), sms.timeout(),
                tenant -> {
                    try {
                        return queries.query(new FindSmsSenderName(tenant),
                                ResponseTypes.optionalInstanceOf(SmsSenderName.class)).join();
                    } catch (RuntimeException unanswered) {
                        return Optional.empty();
                    }
                });
    }

    @Bean
    @ConditionalOnProperty(prefix = "meterledger.notifications.webhook", name = "enabled", havingValue = "true")
    WebhookAdapter webhookAdapter(NotificationProperties properties, ObjectProvider<ObjectMapper> json,
                                  QueryGateway queries) {
        NotificationProperties.Webhook webhook = properties.webhook();
        Map<String, String> configured = webhook.secrets() == null ? Map.of() : Map.copyOf(webhook.secrets());
        // a tenant configured by the platform keeps its configured secret; a tenant that is data has its own
        Function<TenantId, Optional<String>> secretOf = tenant -> configured.containsKey(tenant.value())
                ? Optional.of(configured.get(tenant.value()))
                : queries.query(new FindWebhookSecret(tenant), ResponseTypes.optionalInstanceOf(String.class)).join();
        return new WebhookAdapter(secretOf, webhook.timeout(), json.getIfAvailable(ObjectMapper::new),
                Clock.systemUTC());
    }
}
