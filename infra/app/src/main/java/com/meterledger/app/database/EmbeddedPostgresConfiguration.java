package com.meterledger.app.database;

import com.meterledger.embedded.EmbeddedPostgresServer;
import com.meterledger.embedded.PostgresCoordinates;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local default: a real PostgreSQL from Maven binaries whose data survives restarts in the working folder.
 * Off in production, where {@code SPRING_DATASOURCE_*} points at an external server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "meterledger.postgres.embedded", havingValue = "true")
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(@Value("${meterledger.home}") Path home,
                                                  @Value("${meterledger.postgres.port:0}") int port,
                                                  @Value("${meterledger.reset:false}") boolean reset,
                                                  @Value("${meterledger.postgres.durable:true}") boolean durable) {
        return EmbeddedPostgresServer.start(home, port, reset, durable ? EmbeddedPostgresServer.Durability.DURABLE
                : EmbeddedPostgresServer.Durability.FSYNC_OFF);
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer server, Environment environment,
                          @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        PostgresCoordinates coordinates = server.coordinates();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(coordinates.jdbcUrl());
        dataSource.setUsername(coordinates.username());
        dataSource.setPassword(coordinates.password());
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setPoolName("meterledger");
        // the driver settings an external database gets from the same property (application.yml)
        Binder.get(environment).bind("spring.datasource.hikari.data-source-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()).forEach(dataSource::addDataSourceProperty);
        return dataSource;
    }
}
