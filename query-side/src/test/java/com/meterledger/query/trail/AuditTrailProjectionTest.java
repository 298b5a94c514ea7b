package com.meterledger.query.trail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.query.support.SearchNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-trail-search against a real Elasticsearch node: events handed to the projection as its processor hands them,
 * the trail read back through {@link AuditTrailSearch} as the audit endpoint reads it.
 */
@SpringJUnitConfig({ProjectionDatabase.class, SearchNode.class})
class AuditTrailProjectionTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");

    @Autowired
    SearchAccess search;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProjectionBatches processor;

    AuditTrailProjection projection;
    AuditTrailSearch trail;
    EventStream events;
    TenantId tenant;
    AccountId account;

    @BeforeEach
    void anAccountOfATenantOfItsOwn() {
        projection = new AuditTrailProjection(search, json);
        trail = new AuditTrailSearch(search);
        tenant = new TenantId("tenant-" + UUID.randomUUID());
        account = new AccountId("account-" + UUID.randomUUID());
        events = new EventStream(tenant.value());
    }

    @Test
    void anEventIsFoundByWordsOfItsSummaryWithItsAggregateActorOriginAndCorrelation() {
        EventMessage<?> credited = events.account(account.value(), new AccountCredited(account,
                new Money(5_000, CNY), "pay-7731", 1L, new Money(5_000, CNY), MORNING), MORNING,
                Map.of(MetadataKeys.ACTOR, "finance@landlord", MetadataKeys.ORIGIN, "cash-desk",
                        AuditTrailProjection.CORRELATION_KEY, "trace-1", AuditTrailProjection.CAUSATION_KEY, "cmd-1"));
        processor.handle(projection, List.of(credited));
        search.refresh();

        AuditTrailSearch.Page found = trail.search(tenant, criteria("pay-7731", null));

        assertThat(found.total()).isEqualTo(1);
        assertThat(found.entries().getFirst()).isEqualTo(new AuditTrailSearch.Entry(credited.getIdentifier(),
                "AccountCredited", "Account", account.value(), 0L, MORNING, "finance@landlord", "cash-desk",
                "trace-1", "cmd-1", "Account credited: accountId=" + account.value() + ", amount=5000 CNY, "
                + "reference=pay-7731, purchaseSequence=1, balanceAfter=5000 CNY, creditedAt=" + MORNING));
    }

    @Test
    void everyEventOfTheTenantIsOneEntryHoweverOftenItIsDelivered() {
        List<EventMessage<?>> day = List.of(
                events.account(account.value(), new AccountCredited(account, new Money(5_000, CNY), "pay-1", 1L,
                        new Money(5_000, CNY), MORNING), MORNING),
                events.account(account.value(), new BalanceDepleted(account, new MeterId("meter-1"),
                        new Money(0, CNY), new Money(0, CNY)), NOON));

        processor.handle(projection, day);
        processor.handle(projection, day);
        search.refresh();

        AuditTrailSearch.Page trailOfTheAccount = trail.search(tenant, criteria(null, account.value()));
        assertThat(trailOfTheAccount.total()).isEqualTo(2);
        assertThat(trailOfTheAccount.entries()).extracting(AuditTrailSearch.Entry::type)
                .containsExactlyInAnyOrder("AccountCredited", "BalanceDepleted");
    }

    @Test
    void anEventWithoutATenantIsNotInAnyTrailAndAnotherTenantSeesNoneOfThisOnes() {
        processor.handle(projection, List.of(
                events.account(account.value(), new AccountCredited(account, new Money(5_000, CNY), "pay-1", 1L,
                        new Money(5_000, CNY), MORNING), MORNING),
                GenericEventMessage.asEventMessage(new BalanceDepleted(account, new MeterId("meter-1"),
                        new Money(0, CNY), new Money(0, CNY)))));
        search.refresh();

        assertThat(trail.search(tenant, criteria(null, account.value())).entries())
                .extracting(AuditTrailSearch.Entry::type).containsExactly("AccountCredited");
        assertThat(trail.search(new TenantId("tenant-" + UUID.randomUUID()), criteria(null, account.value()))
                .total()).isZero();
    }

    private static AuditTrailSearch.Criteria criteria(String text, String aggregateId) {
        return new AuditTrailSearch.Criteria(text, aggregateId, null, null, null, 0, 20);
    }
}
