package com.meterledger.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module map of ARCHITECTURE.md, enforced: domain modules meet only through the published language. */
class ModuleBoundariesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.meterledger");
    }

    @Test
    void theApiDependsOnNothingButTheJdkAndAxonAnnotations() {
        classes().that().resideInAPackage("com.meterledger.api..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("com.meterledger.api..", "java..", "org.axonframework.modelling.command")
                .check(classes);
    }

    /**
     * What every HTTP edge shares knows the published language and the frameworks, never a module it serves; and the
     * JDK's own cipher ({@code javax.crypto}) for the one sealing of stored secrets ({@code KeyCipher}).
     */
    @Test
    void theEdgeKnowsOnlyTheApiAndTheFrameworks() {
        classes().that().resideInAPackage("com.meterledger.edge..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.meterledger.api..",
                        "com.meterledger.edge..", "java..", "javax.crypto..", "jakarta.servlet..",
                        "org.springframework..", "org.axonframework..", "org.slf4j..")
                .check(classes);
    }

    /** The server-rendered pages call the modules' beans as the API does; the application assembles them, never the reverse. */
    @Test
    void theWebUiKnowsNothingOfTheApplication() {
        noClasses().that().resideInAPackage("com.meterledger.ui..")
                .should().dependOnClassesThat().resideInAPackage("com.meterledger.app..")
                .check(classes);
    }

    @Test
    void onlyTheApplicationAssemblesTheWebUi() {
        noClasses().that().resideOutsideOfPackages("com.meterledger.ui..", "com.meterledger.app..")
                .should().dependOnClassesThat().resideInAPackage("com.meterledger.ui..")
                .check(classes);
    }

    @Test
    void theCommandSideDomainIsFreeOfSpringWebAndPersistence() {
        noClasses().that().resideInAPackage("com.meterledger.core..")
                .and().resideOutsideOfPackages("com.meterledger.core..web..", "com.meterledger.core.config..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "org.springframework.jdbc..",
                        "org.springframework.http..", "jakarta.persistence..", "java.sql..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theCommandSideKnowsNoOtherModule() {
        noClasses().that().resideInAPackage("com.meterledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.meterledger.query..",
                        "com.meterledger.tenantadmin..", "com.meterledger.gateway..", "com.meterledger.app..")
                .check(classes);
    }

    @Test
    void theQuerySideKnowsNoOtherModule() {
        noClasses().that().resideInAPackage("com.meterledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("com.meterledger.core..",
                        "com.meterledger.tenantadmin..", "com.meterledger.gateway..", "com.meterledger.app..")
                .check(classes);
    }

    @Test
    void theTenantAdminKnowsNoOtherModule() {
        noClasses().that().resideInAPackage("com.meterledger.tenantadmin..")
                .should().dependOnClassesThat().resideInAnyPackage("com.meterledger.core..",
                        "com.meterledger.query..", "com.meterledger.gateway..", "com.meterledger.app..")
                .check(classes);
    }

    @Test
    void theGatewayConnectorKnowsNoOtherModule() {
        noClasses().that().resideInAPackage("com.meterledger.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("com.meterledger.core..",
                        "com.meterledger.query..", "com.meterledger.tenantadmin..", "com.meterledger.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Meter gateways, Stripe and the notification providers are separate Maven modules; this says why it matters. */
    @Test
    void eachOutsidePartysAdapterKnowsNoOther() {
        List<String> parties = List.of("com.meterledger.gateway.meter..", "com.meterledger.gateway.payment..",
                "com.meterledger.gateway.notification..");
        for (String party : parties) {
            noClasses().that().resideInAPackage(party).should().dependOnClassesThat()
                    .resideInAnyPackage(parties.stream().filter(other -> !other.equals(party)).toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void onlyTheSearchAccessPointTalksToElasticsearch() {
        noClasses().that().doNotHaveFullyQualifiedName("com.meterledger.query.search.SearchAccess")
                .should().dependOnClassesThat()
                .haveFullyQualifiedName("co.elastic.clients.elasticsearch.ElasticsearchClient")
                .orShould().dependOnClassesThat()
                .haveFullyQualifiedName("co.elastic.clients.elasticsearch.ElasticsearchAsyncClient")
                .check(classes);
    }
}
