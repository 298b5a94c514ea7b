package com.meterledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one application that assembles the command side, the query side, the tenant registry and the gateways. */
@SpringBootApplication(scanBasePackages = "com.meterledger")
@ConfigurationPropertiesScan("com.meterledger")
public class MeterLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(MeterLedgerApplication.class, args);
    }
}
