package com.meterledger.app.demo;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.CreateTariff;
import com.meterledger.api.tariff.PublishTariffVersion;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.gateway.payment.StripeConnect;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.client.MachineClients;
import com.meterledger.tenantadmin.people.Invitations;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.tenantadmin.signup.SignUps;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Seeds the local run's demo once, through the doors people use (issues 15 and 16): the tenants {@code demo} and
 * {@code harbour} sign up and verify, their people are invited and accept, their machine clients are made by the
 * client service ({@link DemoFrontDoor}); then each tenant's property, units, meters and funded accounts by commands
 * and the registry, as the API's endpoints make them. Every step is skipped when what it makes exists, so a second
 * start makes nothing twice, and a local database from before tenants were data gains its tenant rows.
 */
@Component
@ConditionalOnProperty(name = "meterledger.demo.enabled", havingValue = "true")
public class DemoData {
    public static final TenantId TENANT = DemoTenants.DEMO.id();
    public static final AccountId FIRST_ACCOUNT = new AccountId("acc-101-e");
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final PropertyId PROPERTY = new PropertyId(DemoTenants.DEMO_PROPERTY);
    private static final PropertyId HARBOUR_PROPERTY = new PropertyId(DemoTenants.HARBOUR_PROPERTY);

    private final Registry registry;
    private final CommandGateway commands;
    private final Environment environment;
    private final StripeConnect stripeConnect;
    private final DemoFrontDoor frontDoor;
    private final PlatformPeople operators;

    public DemoData(Registry registry, CommandGateway commands, Environment environment, StripeConnect stripeConnect,
                    SignUps signUps, TenantDirectory directory, People people, Invitations invitations,
                    MachineClients machineClients, ObjectProvider<RegisteredClientRepository> issuerClients,
                    ObjectProvider<EmbeddedMailSink> mailbox, PlatformPeople operators,
                    @Value("${meterledger.auth.token-time-to-live:30m}") Duration tokenTimeToLive) {
        this.registry = registry;
        this.commands = commands;
        this.environment = environment;
        this.stripeConnect = stripeConnect;
        this.operators = operators;
        this.frontDoor = new DemoFrontDoor(signUps, directory, people, invitations, machineClients,
                issuerClients.getIfAvailable(), mailbox.getIfAvailable(), tokenTimeToLive);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seedAndAnnounce() {
        seed();
        if (environment.getProperty("meterledger.stripe.sandbox.enabled", Boolean.class, false)) {
            connectStripeSandbox();
        }
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("""

                ==== MeterLedger is running ====
                  web UI:    http://127.0.0.1:{}/ui  (admin@demo.test, manager@demo.test, finance@demo.test,
                             auditor@demo.test; the second tenant: admin@harbour.test; the platform's
                             operator: platform@meterledger.test at /ui/platform/tenants; password {})
                  health:    {}/actuator/health
                  API docs:  {}/swagger-ui.html
                  token:     curl -s -u demo-landlord:demo-landlord-secret -d grant_type=client_credentials {}/oauth2/token
                  balance:   curl -H "Authorization: Bearer $TOKEN" {}/api/accounts/{}
                  statement: curl -H "Authorization: Bearer $TOKEN" {}/api/accounts/{}/statement
                """, environment.getProperty("local.server.port", "8080"), DemoTenants.PASSWORD, base, base, base,
                base, FIRST_ACCOUNT, base, FIRST_ACCOUNT);
    }

    /** Idempotent: what exists is left alone. */
    public void seed() {
        for (DemoTenants.Tenant tenant : DemoTenants.ALL) {
            if (!frontDoor.signedUpAndVerified(tenant)) {
                continue;
            }
            // the property first: the manager's scope names it
            if (tenant == DemoTenants.DEMO && registry.property(TENANT, PROPERTY).isEmpty()) {
                seedDemoProperty();
            }
            if (tenant == DemoTenants.HARBOUR && registry.property(tenant.id(), HARBOUR_PROPERTY).isEmpty()) {
                seedHarbourProperty();
            }
            frontDoor.staff(tenant);
            frontDoor.clients(tenant);
        }
        frontDoor.platformClient(DemoTenants.PLATFORM_CLIENT, DemoTenants.PLATFORM_CLIENT + "-secret");
        // the platform's operator as a person, through the same service as production's bootstrap
        operators.addWithPassword("Platform operator", DemoTenants.PLATFORM_OPERATOR, DemoTenants.PASSWORD,
                "demo-seeder");
    }

    private void seedDemoProperty() {
        registry.addProperty(TENANT, PROPERTY, "Sunrise Court", "1 Demo Street");
        Instant moveIn = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        for (int flat = 101; flat <= 103; flat++) {
            UnitId unit = new UnitId("sc-" + flat);
            registry.addUnit(TENANT, PROPERTY, unit, "Flat " + flat);
            seedSupply(TENANT, "EUR", unit, "m-" + flat, "acc-" + flat, flat, Utility.ELECTRICITY, "e",
                    new BigDecimal("28.5"), 5_000, moveIn);
            seedSupply(TENANT, "EUR", unit, "m-" + flat, "acc-" + flat, flat, Utility.WATER, "w",
                    new BigDecimal("215"), 5_000, moveIn);
        }
        seedTariffs();
        log.info("Seeded demo tenant '{}' with property '{}', 3 units, 6 meters, 6 funded accounts and 2 tariffs",
                TENANT, PROPERTY);
    }

    /** The second tenant's small property: two flats with an electricity meter each, in CNY. */
    private void seedHarbourProperty() {
        TenantId tenant = DemoTenants.HARBOUR.id();
        registry.addProperty(tenant, HARBOUR_PROPERTY, "海景苑", "海港路 8 号");
        Instant moveIn = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        for (int flat = 1; flat <= 2; flat++) {
            UnitId unit = new UnitId("hv-" + flat);
            registry.addUnit(tenant, HARBOUR_PROPERTY, unit, flat + " 号房");
            seedSupply(tenant, "CNY", unit, "hv-m-" + flat, "hv-acc-" + flat, 100 + flat, Utility.ELECTRICITY,
                    "e", new BigDecimal("65"), 20_000, moveIn);
        }
        log.info("Seeded demo tenant '{}' with property '{}', 2 units, 2 meters and 2 funded accounts", tenant,
                HARBOUR_PROPERTY);
    }

    /**
     * Two tenant tariffs to explore (GET /api/tariffs/res-elec, dry runs, assignment): versions only ever take effect
     * in the future, so their first versions start at the next midnight; the seeded accounts, whose history starts
     * days ago, keep their private flat prices.
     */
    private void seedTariffs() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant midnight = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
        send(new CreateTariff(new TariffId("res-elec"), "Residential electricity", Utility.ELECTRICITY,
                Currency.getInstance("EUR"), zone));
        send(new PublishTariffVersion(new TariffId("res-elec"), new TariffVersion(midnight,
                new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(TierBlock.upTo("100", "24.5"),
                        TierBlock.upTo("300", "29.8"), TierBlock.above("36.2"))), new BigDecimal("14"))));
        send(new CreateTariff(new TariffId("res-water"), "Residential water", Utility.WATER,
                Currency.getInstance("EUR"), zone));
        send(new PublishTariffVersion(new TariffId("res-water"), new TariffVersion(midnight,
                new TariffSchedule.Flat(new BigDecimal("215")), new BigDecimal("9"))));
    }

    private void seedSupply(TenantId tenant, String currency, UnitId unit, String meterPrefix, String accountPrefix,
                            int flat, Utility utility, String suffix, BigDecimal pricePerUnitMinor, long openingCredit,
                            Instant moveIn) {
        MeterId meter = new MeterId(meterPrefix + "-" + suffix);
        AccountId account = new AccountId(accountPrefix + "-" + suffix);
        BigDecimal opening = BigDecimal.valueOf(1000L * (flat - 100));
        send(tenant, new RegisterMeter(meter, unit, utility, "SN-" + tenant + "-" + flat + "-" + suffix.toUpperCase()));
        send(tenant, new OpenAccount(account, unit, meter, Currency.getInstance(currency),
                OpenAccount.privateTariffOf(account), new FlatTariff(pricePerUnitMinor), moveIn, opening, Map.of()));
        send(tenant, new RecordTopUp(account, Money.of(openingCredit, currency), "demo-opening-credit", 1L));
        BigDecimal dailyUse = utility == Utility.ELECTRICITY ? new BigDecimal("7.250") : new BigDecimal("0.180");
        for (int day = 1; day <= 3; day++) {
            send(tenant, new RecordReading(meter, moveIn.plus(Duration.ofDays(day)).minus(Duration.ofMinutes(5)),
                    opening.add(dailyUse.multiply(BigDecimal.valueOf(day)))));
        }
    }

    /**
     * The demo landlord connects Stripe the normal way, against the local sandbox: an account and an onboarding link
     * from the Connect path, then the landlord's "finish onboarding" on the sandbox's page (which Stripe would show).
     * At every start, since the sandbox forgets its accounts when the application stops.
     */
    private void connectStripeSandbox() {
        try {
            StripeConnect.Onboarding onboarding = stripeConnect.onboard(TENANT);
            HttpResponse<Void> finished = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(onboarding.url())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            StripeConnect.Status status = stripeConnect.refresh(TENANT);
            log.info("Demo tenant '{}' connected to the Stripe sandbox as {} (onboarding answered {}, charges enabled: {})",
                    TENANT, status.connectedAccountId(), finished.statusCode(), status.chargesEnabled());
        } catch (IOException | RuntimeException e) {
            log.warn("Demo tenant '{}' could not connect to the Stripe sandbox: {}", TENANT, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Object command) {
        send(TENANT, command);
    }

    private void send(TenantId tenant, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, "demo-seeder", MetadataKeys.ORIGIN, "system")));
    }
}
