package com.meterledger.app.security;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.tenancy.TenantEventInterceptor;
import com.meterledger.edge.tenancy.TenantContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Straight SQL through the application's own connection pool: row-level security hides and protects other tenants'
 * rows even when a statement forgets its tenant filter, through the tables and through the views other modules read.
 */
@SuppressWarnings("unchecked")
class RowLevelSecurityTest extends IntegrationTest {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationContext context;

    private String x;
    private String y;

    @BeforeEach
    void twoTenantsWithRowsInEveryQueryTable() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        x = "rls-x-" + id;
        y = "rls-y-" + id;
        for (String tenant : List.of(x, y)) {
            Owner.execute("""
                    insert into property (tenant_id, property_id, name) values ('%1$s', 'p', 'Property of %1$s');
                    insert into unit (tenant_id, unit_id, property_id, name) values ('%1$s', 'u', 'p', 'Unit of %1$s');
                    insert into account_view (account_id, tenant_id, unit_id, meter_id, currency, balance_minor,
                        opened_at, last_sequence) values ('acc-%1$s', '%1$s', 'u', 'm', 'EUR', 100, now(), 0);
                    insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, kind,
                        amount_minor, balance_after_minor) values ('acc-%1$s', 1, '%1$s', now(), 'CREDIT', 100, 100);
                    """.formatted(tenant));
        }
    }

    @Test
    void theApplicationWorksAsARoleThatOwnsNothingAndCannotBypassRowLevelSecurity() {
        Map<String, Object> role = jdbc.queryForMap("""
                select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user""");
        assertThat(role.get("name")).isEqualTo("meterledger_app");
        assertThat(role.get("rolsuper")).isEqualTo(false);
        assertThat(role.get("rolbypassrls")).isEqualTo(false);
        assertThat(jdbc.queryForObject("""
                select count(*) from pg_tables where schemaname = current_schema() and tableowner = current_user""",
                Long.class)).isZero();
        assertThatThrownBy(() -> jdbc.execute("alter table account_view disable row level security"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("must be owner");
        assertThatThrownBy(() -> jdbc.execute("set role postgres")).isInstanceOf(DataAccessException.class);
    }

    @Test
    void aQueryThatForgetsItsTenantFilterSeesOnlyTheTransactionsTenant() {
        for (String table : List.of("property", "unit", "account_view", "account_ledger_line",
                "registry_property", "registry_unit")) {
            List<String> tenants = inTransactionAs(x, status ->
                    jdbc.queryForList("select distinct tenant_id from " + table, String.class));
            assertThat(tenants).as(table).containsExactly(x);
        }
    }

    @Test
    void withoutATenantNoTenantRowIsVisible() {
        assertThat(jdbc.queryForObject("select count(*) from account_view", Long.class)).isZero();
        Long lines = transactions.execute(status -> jdbc.queryForObject("select count(*) from account_ledger_line",
                Long.class));
        assertThat(lines).isZero();
    }

    @Test
    void theTenantSettingEndsWithItsTransaction() {
        inTransactionAs(x, status ->
                jdbc.queryForObject("select count(*) from property", Long.class));
        String after = transactions.execute(status ->
                jdbc.queryForObject("select current_setting('app.tenant_id', true)", String.class));
        assertThat(after).isNullOrEmpty();
    }

    @Test
    void rowsOfAnotherTenantCanBeNeitherWrittenNorChanged() {
        assertThatThrownBy(() -> inTransactionAs(x, status -> jdbc.update(
                "insert into property (tenant_id, property_id, name) values (?, 'p2', 'planted')", y)))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("row-level security");
        Integer updated = inTransactionAs(x, status ->
                jdbc.update("update account_view set balance_minor = 0"));
        Integer deleted = inTransactionAs(x, status ->
                jdbc.update("delete from account_ledger_line where tenant_id = ?", y));
        assertThat(deleted).isZero();
        assertThat(updated).isEqualTo(1);
        Long balanceOfY = inTransactionAs(y, status -> jdbc.queryForObject(
                "select balance_minor from account_view", Long.class));
        assertThat(balanceOfY).isEqualTo(100);
        assertThatThrownBy(() -> inTransactionAs(x, status ->
                jdbc.update("update property set tenant_id = ?", y)))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("row-level security");
    }

    @Test
    void eventsOfManyTenantsInOneTransactionEachSeeOnlyTheirTenant() {
        TenantEventInterceptor interceptor = new TenantEventInterceptor(context.getBeanProvider(JdbcTemplate.class));
        List<List<String>> seen = transactions.execute(status -> {
            List<List<String>> perEvent = new java.util.ArrayList<>();
            for (String tenant : List.of(x, y, y, x)) {
                EventMessage<?> event = GenericEventMessage.asEventMessage("payload")
                        .andMetaData(Map.of(MetadataKeys.TENANT, tenant));
                DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
                ResultMessage<?> result = unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () ->
                        jdbc.queryForList("select distinct tenant_id from property", String.class)));
                perEvent.add((List<String>) result.getPayload());
            }
            return perEvent;
        });
        assertThat(seen).containsExactly(List.of(x), List.of(y), List.of(y), List.of(x));
    }

    @Test
    void anEventWithoutATenantSeesAndWritesNothing() {
        TenantEventInterceptor interceptor = new TenantEventInterceptor(context.getBeanProvider(JdbcTemplate.class));
        assertThatThrownBy(() -> transactions.execute(status -> {
            DefaultUnitOfWork<EventMessage<?>> unitOfWork =
                    DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("no tenant"));
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> {
                assertThat(jdbc.queryForObject("select count(*) from property", Long.class)).isZero();
                return jdbc.update("insert into property (tenant_id, property_id, name) values (?, 'p3', 'x')", x);
            }));
            if (result.isExceptional()) {
                throw new IllegalStateException(result.exceptionResult());
            }
            return result;
        })).hasStackTraceContaining("row-level security");
    }

    private <T> T inTransactionAs(String tenant, TransactionCallback<T> work) {
        return TenantContext.callAs(tenant, () -> transactions.execute(work));
    }
}
