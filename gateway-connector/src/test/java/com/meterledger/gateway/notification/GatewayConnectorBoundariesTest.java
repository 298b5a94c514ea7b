package com.meterledger.gateway.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The gateway connector meets the rest of MeterLedger only through the published language (command-side/api). */
class GatewayConnectorBoundariesTest {
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.meterledger.gateway");

    @Test
    void dependsOnNoMeterLedgerModuleButTheApi() {
        classes().that().resideInAPackage("com.meterledger.gateway..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("com.meterledger..")
                        .or(resideInAnyPackage("com.meterledger.api..", "com.meterledger.gateway..")))
                .check(GATEWAY);
    }
}
