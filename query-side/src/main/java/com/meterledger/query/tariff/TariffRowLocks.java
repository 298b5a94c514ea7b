package com.meterledger.query.tariff;

import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffVersionPublished;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The locks of tariff-projection's batch, all taken at once, in one order, before anything else the batch writes:
 * one transaction-scoped advisory lock per private tariff whose {@code tariff_view} row the batch may write.
 * <p>
 * A private tariff's row is written by the tariff's events (its creation, which also reads the account's property;
 * its versions) and by its account's opening (which puts the property on it). The tariff and the account are different
 * aggregates, so two segments handle them at the same time. Taken as the events came, batch one locked tariff X's
 * row, then waited for Y's, while batch two held Y's and waited for X's: PostgreSQL failed one of them with "deadlock
 * detected" (an advisory lock per account between creation and opening, and the row itself between a version and the
 * opening). Measured by {@code TariffLockOrderTest}, 40 rounds of each, with the locks taken as the events came: 21 to
 * 26 of 80 batches failed in the creation rounds and 17 to 20 in the version rounds, every one on a deadlock (about
 * 22 s and 18 s, PostgreSQL waiting its deadlock timeout each time); with the locks taken here, none (about 1 s each).
 * <p>
 * The rule: a batch's first handler locks the rows of every event of the batch that may write one (a private tariff's
 * creation, every version, every opening: the account's would-be private tariff), by their keys sorted in the
 * database, the lock keys' own order; every other row the projection writes is written by one aggregate's events only
 * (one segment), and the counts are locked last, in their own order ({@link OpenAccountCounts}). So no two batches
 * wait on each other in a circle. A batch holds no lock longer than before: they are released when it commits.
 */
final class TariffRowLocks {
    private static final String RESOURCE = TariffRowLocks.class.getName();
    /** Volatile functions of the select list are evaluated after the sort: the locks are taken in key order. */
    private static final String LOCK = """
            select pg_advisory_xact_lock(k)
            from (select distinct hashtext(x) as k from unnest(cast(? as text[])) as x) as keys
            order by k""";

    private TariffRowLocks() {
    }

    /**
     * Locks the rows of the current batch the first time a handler of the batch asks, those of {@code own} (the event
     * being handled) outside a batch.
     */
    static void take(JdbcClient jdbc, EventMessage<?> own) {
        if (!CurrentUnitOfWork.isStarted()) {
            lock(jdbc, keysOf(List.of(own)));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.resources().putIfAbsent(RESOURCE, Boolean.TRUE) != null) {
            return;
        }
        List<? extends Message<?>> batch = root instanceof BatchingUnitOfWork<?> batching ? batching.getMessages()
                : Stream.of(root.getMessage(), own).filter(Objects::nonNull).toList();
        lock(jdbc, keysOf(batch));
    }

    private static void lock(JdbcClient jdbc, Set<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.sql(LOCK).param(keys.toArray(String[]::new)).query().listOfRows();
        }
    }

    private static Set<String> keysOf(List<? extends Message<?>> events) {
        Set<String> keys = new TreeSet<>();
        for (Message<?> event : events) {
            Object tenant = event.getMetaData().get(TENANT);
            rowOf(event.getPayload()).ifPresent(tariff -> keys.add("tariff-row:" + tenant + ":" + tariff.value()));
        }
        return keys;
    }

    /** The private tariff whose row the event may write, if any. */
    private static Optional<TariffId> rowOf(Object payload) {
        return switch (payload) {
            case TariffCreated created -> OpenAccount.ownerOfPrivateTariff(created.tariffId(), created.name())
                    .map(account -> created.tariffId());
            case TariffVersionPublished version -> Optional.of(version.tariffId());
            case AccountOpened opened -> Optional.of(OpenAccount.privateTariffOf(opened.accountId()));
            default -> Optional.empty();
        };
    }
}
