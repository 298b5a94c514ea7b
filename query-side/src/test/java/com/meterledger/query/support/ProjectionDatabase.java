package com.meterledger.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.embedded.TestPostgres;
import com.meterledger.embedded.TestSearchNode;
import com.meterledger.tenantadmin.registry.Registry;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * A small Spring context for projection tests: the test JVM's one real PostgreSQL ({@link TestPostgres}: a
 * Testcontainers container where Docker answers, else the embedded server), its schema made by Flyway from exactly
 * the migrations query-side's projections need, and the JDBC beans the application gives them. No application, no
 * Axon configuration: tests hand events to a projection through {@link ProjectionBatches}.
 * <p>
 * The schema: query-side's own migrations, tenant-admin's (the registry's published views, e.g. {@code registry_unit}
 * that the dashboard reads), the two shared legacy migrations that create and alter query-side's account tables
 * ({@link LegacySharedMigration}) and Axon's store, which the auditor's replay reads ({@code V1__axon_store.sql}).
 * The connection is the tables' owner and no runtime role exists: row-level security
 * (infra/app's V50 and afterMigrate script) is not part of these tests. Tests share the database, so each uses a
 * tenant of its own.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionDatabase {

    /**
     * Also sets the test JVM's search node booting in the background ({@link TestSearchNode#begin()}): it then boots
     * while the database's tests run, instead of holding up the first search projection's test (about 15 s here).
     */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
        TestSearchNode.begin();
        PostgresCoordinates postgres = TestPostgres.coordinates();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setMaximumPoolSize(4);
        // as the application (application.yml): a JDBC batch of inserts goes as one multi-row insert
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/query-side", "classpath:db/migration/tenant-admin")
                .javaMigrations(new LegacySharedMigration("V1__axon_store.sql"),
                        new LegacySharedMigration("V2__registry_and_accounts.sql"),
                        new LegacySharedMigration("V3__supply_and_deadlines.sql"))
                .load()
                .migrate();
        return dataSource;
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(JdbcTemplate jdbc) {
        return JdbcClient.create(jdbc);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    /**
     * As Spring Boot builds the application's: java.time and the other modules found on the class path, and dates
     * written as ISO text (Boot's Jackson auto-configuration turns timestamps off).
     */
    @Bean
    ObjectMapper objectMapper() {
        return Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** tenant-admin's registry, through which tests add the properties and units a projection looks up. */
    @Bean
    Registry registry(JdbcClient jdbc) {
        return new Registry(jdbc);
    }

    @Bean
    ProjectionBatches projectionBatches(PlatformTransactionManager transactionManager) {
        return new ProjectionBatches(transactionManager);
    }
}
