package com.meterledger.app.tenancy;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Wires the tenancy mechanism (SECURITY.md, "Where the tenant is set and checked") into the application: the
 * transaction manager that begins each transaction as its tenant, the two entry points that bind a tenant from a
 * message or a method's {@code TenantId}, and the database setup that makes row-level security bind the application
 * at all (the runtime role and the migrations that grant to it).
 */
@Configuration(proxyBeanMethods = false)
public class TenancyConfiguration {

    @Bean
    static RuntimeRole runtimeRole(Environment environment) {
        return new RuntimeRole(environment.getProperty("meterledger.database.runtime-user", "meterledger_app"),
                environment.getProperty("meterledger.database.runtime-password"));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static TenantBindingAdvisor tenantBindingAdvisor() {
        return new TenantBindingAdvisor();
    }

    /** Replaces Boot's JdbcTransactionManager; Axon's SpringTransactionManager wraps this one too. */
    @Bean
    TenantTransactionManager transactionManager(DataSource dataSource) {
        return new TenantTransactionManager(dataSource);
    }

    /** Flyway migrates as the schema owner and learns the runtime role it must create and grant to. */
    @Bean
    FlywayConfigurationCustomizer runtimeRoleMigrations(RuntimeRole role, Environment environment) {
        return flyway -> {
            Map<String, String> placeholders = new HashMap<>(flyway.getPlaceholders());
            placeholders.put("meterledger_runtime_user", role.user());
            placeholders.put("meterledger_runtime_password", role.password().replace("'", "''"));
            placeholders.put("meterledger_manage_runtime_role",
                    environment.getProperty("meterledger.database.manage-runtime-role", "true"));
            flyway.placeholders(placeholders);
            if (role.isSwitched(flyway.getDataSource())) {
                role.owner().ifPresent(owner -> flyway.dataSource(owner.jdbcUrl(), owner.username(), owner.password()));
            }
        };
    }

    @Bean
    ConfigurerModule tenantPerEvent(ObjectProvider<JdbcTemplate> jdbc) {
        TenantEventInterceptor interceptor = new TenantEventInterceptor(jdbc);
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, processorName) -> interceptor));
    }
}
