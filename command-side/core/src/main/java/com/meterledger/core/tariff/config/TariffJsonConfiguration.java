package com.meterledger.core.tariff.config;

import com.fasterxml.jackson.databind.Module;
import com.meterledger.core.tariff.TariffJsonModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link TariffJsonModule} with Spring Boot's ObjectMapper, which Axon's Jackson serializer uses for
 * events, commands and snapshots; without it a stored {@code TariffVersionPublished} could not be read back.
 */
@Configuration(proxyBeanMethods = false)
public class TariffJsonConfiguration {

    @Bean
    Module tariffJsonModule() {
        return new TariffJsonModule();
    }
}
