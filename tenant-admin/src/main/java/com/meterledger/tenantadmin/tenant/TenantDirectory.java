package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.tenant.FindPaymentMethodChoice;
import com.meterledger.api.tenant.FindLandlord;
import com.meterledger.api.tenant.FindTenantSettings;
import com.meterledger.api.tenant.Landlord;
import com.meterledger.api.tenant.PaymentMethodChoice;
import com.meterledger.api.tenant.PaymentMethodsChosen;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantRecordPurged;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.api.tenant.TenantSettingsChanged;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.tenant.TenantBillingStatusHeld;
import com.meterledger.api.tenant.TenantResumedByOperator;
import com.meterledger.api.tenant.TenantSuspendedByOperator;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.meterledger.api.tenant.TenantSummary;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tables {@code tenant}, {@code tenant_settings} and {@code tenant_payment_methods}: every tenant's profile, status and settings, written in the transaction that stores the tenant's event
 * (a subscribing processor whose errors propagate), so sign-up sees a slug as taken the moment it is.
 */
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class TenantDirectory {
    public static final String PROCESSING_GROUP = "tenant-directory";

    private final JdbcClient jdbc;
    private final Period retention;

    /** @param retention how long a closed tenant's financial record is kept (the platform's setting) */
    public TenantDirectory(JdbcClient jdbc, Period retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** How long a closed tenant's financial record is kept after closing (the closure page says so before). */
    public Period retention() {
        return retention;
    }

    @EventHandler
    void on(TenantSignedUp event) {
        TenantProfile profile = event.profile();
        jdbc.sql("""
                        insert into tenant (tenant_id, organisation_name, country, currency, zone, language, status,
                            status_since, signed_up_at, billing_status, billing_since)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId().value(), profile.organisationName(), profile.country(),
                        profile.currency().getCurrencyCode(), profile.zone().getId(), profile.language(),
                        TenantStatus.SIGNED_UP.name(), Timestamp.from(event.at()), Timestamp.from(event.at()),
                        TenantStatus.SIGNED_UP.name(), Timestamp.from(event.at()))
                .update();
        saveSettings(event.tenantId(), event.settings(), event.at());
    }

    @EventHandler
    void on(TenantSettingsChanged event) {
        saveSettings(event.tenantId(), event.settings(), event.at());
    }

    private void saveSettings(TenantId tenant, TenantSettings settings, Instant at) {
        FriendlyHours hours = settings.friendlyHours();
        PaymentLimits payments = settings.payments();
        jdbc.sql("""
                        insert into tenant_settings (tenant_id, zone, language, night_start, night_end, weekends,
                            holidays, payment_minimum, payment_maximum, payment_presets, approval_limit,
                            sms_sender_name, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?::date[], ?, ?, ?::bigint[], ?, ?, ?)
                        on conflict (tenant_id) do update set zone = excluded.zone, language = excluded.language,
                            night_start = excluded.night_start, night_end = excluded.night_end,
                            weekends = excluded.weekends, holidays = excluded.holidays,
                            payment_minimum = excluded.payment_minimum, payment_maximum = excluded.payment_maximum,
                            payment_presets = excluded.payment_presets, approval_limit = excluded.approval_limit,
                            sms_sender_name = excluded.sms_sender_name, changed_at = excluded.changed_at""")
                .params(tenant.value(), settings.zone().getId(), settings.language(), hours.nightStart(),
                        hours.nightEnd(), hours.weekends(), arrayLiteral(hours.holidays()), payments.minimumMinor(),
                        payments.maximumMinor(), arrayLiteral(payments.presetsMinor()),
                        settings.adjustmentApprovalLimitMinor(), settings.smsSenderName(), Timestamp.from(at))
                .update();
    }

    private static String arrayLiteral(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    @EventHandler
    void on(PaymentMethodsChosen event) {
        jdbc.sql("""
                        insert into tenant_payment_methods (tenant_id, methods, changed_at) values (?, ?, ?)
                        on conflict (tenant_id) do update set methods = excluded.methods,
                            changed_at = excluded.changed_at""")
                .params(event.tenantId().value(), event.choice().methods().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")), Timestamp.from(event.at()))
                .update();
    }

    /** The tenant's payment methods; card only for a tenant that never chose (or is not data). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public PaymentMethodChoice paymentMethods(FindPaymentMethodChoice query) {
        return paymentMethodsOf(query.tenantId());
    }

    @Transactional(readOnly = true)
    public PaymentMethodChoice paymentMethodsOf(TenantId tenant) {
        return jdbc.sql("select methods from tenant_payment_methods where tenant_id = ?").param(tenant.value())
                .query(String.class).optional()
                .map(methods -> new PaymentMethodChoice(Arrays.stream(methods.split(",")).map(PaymentMethod::valueOf)
                        .collect(Collectors.toSet())))
                .orElseGet(PaymentMethodChoice::cardOnly);
    }

    /**
     * The status, and billing's status unless the operator holds the tenant (then it is the operator's step, and
     * billing's stays what it was). Cancelling and closing end the operator's hold with the tenant.
     */
    @EventHandler
    void on(TenantStatusChanged event) {
        boolean ends = event.to() == TenantStatus.CANCELLED || event.to() == TenantStatus.CLOSED;
        if (ends) {
            jdbc.sql("""
                            update tenant set operator_hold_reason = null, operator_hold_actor = null,
                                operator_hold_since = null where tenant_id = ?""")
                    .param(event.tenantId().value()).update();
        }
        jdbc.sql("""
                        update tenant set status = ?, status_reason = ?, status_since = ?,
                            billing_status = case when operator_hold_since is null then ? else billing_status end,
                            billing_reason = case when operator_hold_since is null then ? else billing_reason end,
                            billing_since = case when operator_hold_since is null then ? else billing_since end
                        where tenant_id = ?""")
                .params(event.to().name(), event.reason(), Timestamp.from(event.at()), event.to().name(),
                        event.reason(), Timestamp.from(event.at()), event.tenantId().value())
                .update();
        if (event.to() == TenantStatus.CLOSED) {
            erasePersonalData(event.tenantId(), event.at());
        }
    }

    /** The operator's hold: why, who (the operator's principal) and since when. */
    @EventHandler
    void on(TenantSuspendedByOperator event, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.sql("""
                        update tenant set operator_hold_reason = ?, operator_hold_actor = ?, operator_hold_since = ?
                        where tenant_id = ?""")
                .params(event.reason(), actor, Timestamp.from(event.at()), event.tenantId().value()).update();
    }

    @EventHandler
    void on(TenantResumedByOperator event) {
        jdbc.sql("""
                        update tenant set operator_hold_reason = null, operator_hold_actor = null,
                            operator_hold_since = null where tenant_id = ?""")
                .param(event.tenantId().value()).update();
    }

    /** Billing moved on while the operator holds the tenant: only billing's status changes. */
    @EventHandler
    void on(TenantBillingStatusHeld event) {
        jdbc.sql("update tenant set billing_status = ?, billing_reason = ?, billing_since = ? where tenant_id = ?")
                .params(event.to().name(), event.reason(), Timestamp.from(event.at()), event.tenantId().value())
                .update();
    }

    /**
     * Why a tenant is suspended: the platform operator's hold (its reason, the operator's principal, since when) and
     * billing's suspension for an unpaid invoice (billing's reason, since when); either, both or neither.
     */
    public record Suspension(boolean byOperator, String operatorReason, String operatorActor, Instant operatorSince,
                             boolean forUnpaidInvoice, String billingReason, Instant billingSince) {
        static Suspension of(java.sql.ResultSet rs) throws java.sql.SQLException {
            Timestamp held = rs.getTimestamp("operator_hold_since");
            boolean unpaid = TenantStatus.SUSPENDED.name().equals(rs.getString("billing_status"));
            Timestamp billed = rs.getTimestamp("billing_since");
            return new Suspension(held != null, rs.getString("operator_hold_reason"),
                    rs.getString("operator_hold_actor"), held == null ? null : held.toInstant(), unpaid,
                    unpaid ? rs.getString("billing_reason") : null,
                    unpaid && billed != null ? billed.toInstant() : null);
        }

        public boolean any() {
            return byOperator || forUnpaidInvoice;
        }
    }

    /** Why the caller's own tenant is suspended (its billing page says so), read under its row-level security. */
    @Transactional(readOnly = true)
    public Optional<Suspension> suspension(TenantId tenant) {
        return jdbc.sql("""
                        select operator_hold_reason, operator_hold_actor, operator_hold_since, billing_status,
                            billing_reason, billing_since
                        from tenant where tenant_id = ?""")
                .param(tenant.value()).query((rs, row) -> Suspension.of(rs)).optional();
    }

    /**
     * A closed tenant keeps its financial record (events, balances, ledgers) until {@code retain_until}, and loses its
     * personal data now, in the transaction of the closing event: its people's memberships, the people who belong to
     * no other tenant (name, e-mail, password hash), their verification links, and its occupants' payment links and
     * remembered phones. Occupants' contacts are erased by the notifications module, which owns them. None of it was
     * ever in an event.
     */
    private void erasePersonalData(TenantId tenant, Instant at) {
        jdbc.sql("update tenant set retain_until = ? where tenant_id = ?")
                .params(Timestamp.from(at.atZone(ZoneOffset.UTC).plus(retention).toInstant()), tenant.value())
                .update();
        List<String> people = jdbc.sql("select person_id::text from staff_membership where tenant_id = ?")
                .param(tenant.value()).query(String.class).list();
        jdbc.sql("delete from remembered_device where tenant_id = ?").param(tenant.value()).update();
        jdbc.sql("delete from payment_link where tenant_id = ?").param(tenant.value()).update();
        jdbc.sql("delete from signup_verification where tenant_id = ?").param(tenant.value()).update();
        jdbc.sql("delete from staff_membership where tenant_id = ?").param(tenant.value()).update();
        for (String person : people) {
            // staff_sign_in is the narrow door that sees a person's memberships in every tenant
            boolean elsewhere = jdbc.sql("""
                            select count(*) from staff_sign_in(null, ?::uuid) where tenant_id is not null
                                and tenant_id <> ?""")
                    .params(person, tenant.value()).query(Long.class).single() > 0;
            if (!elsewhere) {
                jdbc.sql("delete from signup_verification where person_id = ?::uuid").param(person).update();
                jdbc.sql("delete from staff_person where person_id = ?::uuid").param(person).update();
            }
        }
    }

    /**
     * The retention period ended: this module's rows of the tenant go (its registry, settings, machine clients and
     * their entries in the issuer's client table, meter hierarchies, and whatever closing left), and its directory row stays as a tombstone with {@code purged_at}, its
     * name replaced by its id, so the id is never given to another tenant.
     */
    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        // its clients in the issuer's client table (made by its administrators or configured for it): the tenant is
        // in their settings, so a client revoked or not, and one whose machine_client row is gone, goes too
        jdbc.sql("""
                        delete from oauth2_registered_client
                        where client_settings::jsonb ->> ? = ?""")
                .params(com.meterledger.tenantadmin.client.IssuerClients.TENANT_SETTING, tenant).update();
        for (String table : List.of("meter_hierarchy", "unit", "property", "machine_client", "remembered_device",
                "payment_link",
                "signup_verification", "staff_invitation", "staff_membership", "tenant_alert_settings",
                "tenant_payment_methods", "tenant_settings", "tenant_webhook_secret")) {
            jdbc.sql("delete from " + table + " where tenant_id = ?").param(tenant).update();
        }
        jdbc.sql("update tenant set purged_at = ?, organisation_name = tenant_id where tenant_id = ?")
                .params(Timestamp.from(event.at()), tenant).update();
    }

    /** Whether any tenant has this id, whoever asks (the one fact sign-up needs before a tenant exists). */
    @Transactional(readOnly = true)
    public boolean taken(String slug) {
        return Boolean.TRUE.equals(jdbc.sql("select tenant_slug_taken(?)").param(slug).query(Boolean.class).single());
    }

    /**
     * In a transaction of its own, bound to the asked tenant: the query bus may have begun one before any tenant was
     * known (a rule asking from outside a request), and row-level security would then show no row.
     */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<TenantSettings> settings(FindTenantSettings query) {
        return settingsOf(query.tenantId());
    }

    @Transactional(readOnly = true)
    public Optional<TenantSettings> settingsOf(TenantId tenant) {
        return jdbc.sql("select * from tenant_settings where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> new TenantSettings(ZoneId.of(rs.getString("zone")), rs.getString("language"),
                        new FriendlyHours(rs.getObject("night_start", LocalTime.class),
                                rs.getObject("night_end", LocalTime.class), rs.getBoolean("weekends"),
                                Arrays.stream((Date[]) rs.getArray("holidays").getArray()).map(Date::toLocalDate)
                                        .toList()),
                        new PaymentLimits(rs.getLong("payment_minimum"), rs.getLong("payment_maximum"),
                                Arrays.asList((Long[]) rs.getArray("payment_presets").getArray())),
                        rs.getLong("approval_limit"), rs.getString("sms_sender_name")))
                .optional();
    }

    /**
     * The organisation an occupant deals with, in the language its settings chose (the sign-up's until it changed
     * them, or when they leave it to each reader: a message has no reader's page to follow). In a transaction of its
     * own, bound to the asked tenant, as {@link #settings} is.
     */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Optional<Landlord> landlord(FindLandlord query) {
        return jdbc.sql("""
                        select t.organisation_name, coalesce(nullif(s.language, ?), t.language) as language from tenant t
                        left join tenant_settings s on s.tenant_id = t.tenant_id where t.tenant_id = ?""")
                .params(TenantSettings.EACH_READERS_OWN, query.tenantId().value())
                .query((rs, row) -> new Landlord(rs.getString("organisation_name"), rs.getString("language")))
                .optional();
    }

    /**
     * The language of the tenant's mails, which no reader's page decides: its setting, or, when the setting leaves it
     * to each reader, the language it signed up with; English for a tenant that is not data.
     */
    @Transactional(readOnly = true)
    public Locale mailLanguage(TenantId tenant) {
        return settingsOf(tenant).flatMap(TenantSettings::languageForAll)
                .or(() -> find(tenant).map(summary -> summary.profile().language()))
                .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    @Transactional(readOnly = true)
    public Optional<TenantSummary> find(TenantId tenant) {
        return jdbc.sql("select * from tenant where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> new TenantSummary(tenant,
                        new TenantProfile(rs.getString("organisation_name"), rs.getString("country"),
                                Currency.getInstance(rs.getString("currency")), ZoneId.of(rs.getString("zone")),
                                rs.getString("language")),
                        TenantStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                        rs.getTimestamp("status_since").toInstant()))
                .optional();
    }

    /** One row of the operator's console: directory facts, no person and none of the tenant's business data. */
    public record PlatformRow(String tenantId, String organisationName, String country, String currency,
                              TenantStatus status, String statusReason, Instant statusSince, Instant signedUpAt,
                              Suspension suspension) {
    }

    /** Every tenant, for the platform's operator (who has no tenant), through the narrow door platform_tenants(). */
    @Transactional(readOnly = true)
    public List<PlatformRow> everyTenant() {
        return jdbc.sql("select * from platform_tenants()").query((rs, row) -> platformRow(rs)).list();
    }

    /** One tenant's row of the operator's console. */
    @Transactional(readOnly = true)
    public Optional<PlatformRow> platformRow(TenantId tenant) {
        return jdbc.sql("select * from platform_tenants() where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> platformRow(rs)).optional();
    }

    private static PlatformRow platformRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PlatformRow(rs.getString("tenant_id"), rs.getString("organisation_name"),
                rs.getString("country"), rs.getString("currency"), TenantStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getTimestamp("status_since").toInstant(),
                rs.getTimestamp("signed_up_at").toInstant(), Suspension.of(rs));
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        TenantDirectory tenantDirectory(JdbcClient jdbc,
                                        @Value("${meterledger.tenants.financial-retention:P10Y}") Period retention) {
            return new TenantDirectory(jdbc, retention);
        }

        /** Subscribing, errors propagating: the directory row commits with the tenant's event or neither does. */
        @Bean
        ConfigurerModule tenantDirectoryProcessor() {
            return configurer -> configurer.eventProcessing(processing -> processing
                    .registerSubscribingEventProcessor(PROCESSING_GROUP)
                    .registerListenerInvocationErrorHandler(PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
        }
    }
}
