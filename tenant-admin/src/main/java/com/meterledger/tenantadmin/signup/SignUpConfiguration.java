package com.meterledger.tenantadmin.signup;

import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SignUpConfiguration {
    /** Spring Security's delegating encoder: bcrypt today, and a stored hash names its algorithm for tomorrow. */
    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Bean
    SignUpThrottle signUpThrottle(SignUpProperties properties, ObjectProvider<Clock> clock) {
        return new SignUpThrottle(properties.perAddressPerHour(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SignUpStore signUpStore(JdbcClient jdbc, CommandGateway commands, ObjectProvider<Clock> clock) {
        return new SignUpStore(jdbc, commands, PASSWORDS, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SignUps signUps(SignUpStore store, CommandGateway commands, TenantDirectory directory, SignUpThrottle throttle,
                    SignUpProperties properties, ObjectProvider<Clock> clock) {
        return new SignUps(store, commands, directory, throttle, properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
