package com.meterledger.app.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Database setup, not a tenant check of its own: the application works as a PostgreSQL role that owns no table, so
 * the row-level security policies bind it (an owner could switch RLS off, a superuser bypasses it). The configured data source ({@code spring.datasource.*}, or the embedded server's) is the
 * migration login that owns the schema: Flyway keeps using it, while the connection pool every other component
 * uses logs in as {@code meterledger.database.runtime-user} instead. The role itself is created by the migrations
 * (afterMigrate__meterledger_security.sql) with the configured password.
 * <p>
 * Production can also point {@code spring.datasource.*} at the runtime role directly, run Flyway separately as the
 * owner, and set {@code meterledger.database.runtime-user} to the same name (then nothing is switched here).
 */
public class RuntimeRole implements BeanPostProcessor {
    private static final Logger log = LoggerFactory.getLogger(RuntimeRole.class);

    public record Login(String jdbcUrl, String username, String password) {
    }

    private final String user;
    private final String password;
    private volatile DataSource switched;
    private volatile Login owner;

    public RuntimeRole(String user, String password) {
        if (!StringUtils.hasText(user) || !user.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("meterledger.database.runtime-user must be a plain lower-case role name");
        }
        if (!StringUtils.hasText(password)) {
            throw new IllegalArgumentException("meterledger.database.runtime-password must be set");
        }
        this.user = user;
        this.password = password;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && switched == null && !user.equals(pool.getUsername())) {
            owner = new Login(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            pool.setJdbcUrl(withoutCredentials(pool.getJdbcUrl()));
            pool.setUsername(user);
            pool.setPassword(password);
            switched = pool;
            log.info("Data source '{}' works as runtime role '{}'; migrations run as '{}'", beanName, user,
                    owner.username());
        }
        return bean;
    }

    /** A JDBC URL may name a user itself ({@code ?user=postgres}), which would win over the pool's login. */
    static String withoutCredentials(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.contains("?")) {
            return jdbcUrl;
        }
        int query = jdbcUrl.indexOf('?');
        String parameters = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.startsWith("user=") && !parameter.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The schema owner's login, when this class moved the pool away from it. */
    public Optional<Login> owner() {
        return Optional.ofNullable(owner);
    }

    public boolean isSwitched(DataSource dataSource) {
        return dataSource != null && dataSource == switched;
    }
}
