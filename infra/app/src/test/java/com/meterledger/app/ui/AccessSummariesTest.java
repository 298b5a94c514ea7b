package com.meterledger.app.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.meterledger.api.client.MachineClientId;
import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.client.MachineClientRegistered;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.PersonInvited;
import com.meterledger.api.people.PersonRolesChanged;
import com.meterledger.api.people.SignInLockedOut;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.registry.PropertyAdded;
import com.meterledger.api.registry.PropertyDetailsChanged;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitAdded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitRenamed;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.trail.AuditTrailProjection;
import com.meterledger.query.trail.AuditTrailSearch;
import com.meterledger.ui.i18n.LanguageChoice;
import com.meterledger.ui.staff.AccessSummaries;
import com.meterledger.ui.staff.UiFormat;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's access events read in the reader's language: the projection's stored summary (English field
 * names, for search) is worded again with the page's bundle, roles by their names, moments on the tenant's clock.
 */
class AccessSummariesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final StaffMemberId MEMBER = new StaffMemberId("sm-7");
    private static final TenantId TENANT = new TenantId("harbour");
    private static final PersonId PERSON = new PersonId(UUID.fromString("3f6c1b2a-0000-4000-8000-000000000001"));
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private final ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
    private final AuditTrailProjection projection = new AuditTrailProjection(null,
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    AccessSummariesTest() {
        bundles.setBasename("messages");
        bundles.setDefaultEncoding("UTF-8");
        bundles.setFallbackToSystemLocale(false);
    }

    @Test
    void givenAnInvitationWhenReadInChineseOrEnglishThenItNamesThePersonTheMemberAndTheRolesInThatLanguage() {
        String stored = projection.summary("PersonInvited", new PersonInvited(MEMBER, TENANT, PERSON,
                List.of("PROPERTY_MANAGER", "FINANCE"), List.of("harbour-view"), AT));

        assertThat(read(Locale.ENGLISH, "PersonInvited", stored)).isEqualTo("Person " + PERSON
                + " invited as member sm-7; roles: Property manager, Finance; properties: harbour-view");
        assertThat(read(LanguageChoice.CHINESE, "PersonInvited", stored))
                .startsWith("已邀请人员 " + PERSON + "，成员编号 sm-7；角色：")
                .contains("、").doesNotContain("PROPERTY_MANAGER").endsWith("物业：harbour-view");
    }

    @Test
    void givenARoleChangeALockoutAndANewClientWhenReadInChineseThenNoEnglishWordIsLeft() {
        String changed = projection.summary("PersonRolesChanged", new PersonRolesChanged(MEMBER, TENANT, PERSON,
                List.of("AUDITOR"), List.of(), List.of("FINANCE"), List.of(), AT));
        String locked = projection.summary("SignInLockedOut", new SignInLockedOut(MEMBER, TENANT, PERSON, 5,
                Instant.parse("2026-03-01T10:01:00Z"), AT));
        String client = projection.summary("MachineClientRegistered", new MachineClientRegistered(
                new MachineClientId("mc-0a1b"), TENANT, MachineClientKind.values()[0], "north gate",
                List.of("GATEWAY"), List.of(), AT));

        assertThat(read(LanguageChoice.CHINESE, "PersonRolesChanged", changed))
                .isEqualTo("人员 " + PERSON + "：角色由 " + role("AUDITOR") + " 改为 " + role("FINANCE")
                        + "；物业由 — 改为 —");
        assertThat(read(LanguageChoice.CHINESE, "SignInLockedOut", locked))
                .isEqualTo("人员 " + PERSON + " 连续 5 次登录失败，被锁定至 2026年3月1日 18:01:00 " + zoneLabel());
        assertThat(read(Locale.ENGLISH, "SignInLockedOut", locked))
                .isEqualTo("Person " + PERSON + " locked out after 5 failed sign-ins, until 2026-03-01 18:01:00 "
                        + new UiFormat().in(Locale.ENGLISH, SHANGHAI).zoneLabel());
        assertThat(read(LanguageChoice.CHINESE, "MachineClientRegistered", client))
                .startsWith("已创建客户端 mc-0a1b（").contains("名称 north gate");
    }

    @Test
    void givenRegistryCorrectionsWhenReadInChineseOrEnglishThenTheyNameThePropertyTheUnitAndTheNewTexts() {
        String property = projection.summary("PropertyDetailsChanged", new PropertyDetailsChanged(TENANT,
                new PropertyId("harbour-view"), "Harbour View North", null, AT));
        String unit = projection.summary("UnitRenamed", new UnitRenamed(TENANT, new PropertyId("harbour-view"),
                new UnitId("hv-1"), "一号房", AT));

        assertThat(read(Locale.ENGLISH, "PropertyDetailsChanged", property))
                .isEqualTo("Property harbour-view now reads: name Harbour View North, address —");
        assertThat(read(LanguageChoice.CHINESE, "PropertyDetailsChanged", property))
                .isEqualTo("物业 harbour-view 现为：名称 Harbour View North，地址 —");
        assertThat(read(LanguageChoice.CHINESE, "UnitRenamed", unit)).isEqualTo("物业 harbour-view 的房间 hv-1 现名为 一号房");
    }

    @Test
    void givenRegistryAdditionsWhenReadInChineseOrEnglishThenTheyNameThePropertyTheUnitAndTheirTexts() {
        String property = projection.summary("PropertyAdded", new PropertyAdded(TENANT, new PropertyId("harbour-view"),
                "Harbour View", "8 Harbour Road, Block A", AT));
        String unit = projection.summary("UnitAdded", new UnitAdded(TENANT, new PropertyId("harbour-view"),
                new UnitId("hv-1"), "一号房", AT));

        assertThat(read(Locale.ENGLISH, "PropertyAdded", property))
                .isEqualTo("Property harbour-view added: name Harbour View, address 8 Harbour Road, Block A");
        assertThat(read(LanguageChoice.CHINESE, "PropertyAdded", property))
                .isEqualTo("已添加物业 harbour-view：名称 Harbour View，地址 8 Harbour Road, Block A");
        assertThat(read(Locale.ENGLISH, "UnitAdded", unit)).isEqualTo("Unit hv-1 added to property harbour-view, named 一号房");
        assertThat(read(LanguageChoice.CHINESE, "UnitAdded", unit)).isEqualTo("物业 harbour-view 已添加房间 hv-1，名为 一号房");
    }

    @Test
    void givenAnEventThatIsNotAboutAccessOrAnOlderSummaryWhenReadThenItIsShownAsStoredOrWithItsCount() {
        assertThat(read(LanguageChoice.CHINESE, "AccountCredited", "Account credited: accountId=acc-1"))
                .isEqualTo("Account credited: accountId=acc-1");
        assertThat(read(LanguageChoice.CHINESE, "PersonInvited", "Person invited: memberId=sm-1, personId=p-1, "
                + "roles=2 items")).isEqualTo("已邀请人员 p-1，成员编号 sm-1；角色：2 项；物业：—");
    }

    private String read(Locale locale, String type, String summary) {
        AccessSummaries summaries = new AccessSummaries(bundles, new UiFormat().in(locale, SHANGHAI));
        return summaries.of(new AuditTrailSearch.Entry("e-1", type, null, null, 0L, AT, "person:x", "rest", null,
                null, summary));
    }

    private String role(String code) {
        return bundles.getMessage("role." + code, null, LanguageChoice.CHINESE);
    }

    private static String zoneLabel() {
        return new UiFormat().in(LanguageChoice.CHINESE, SHANGHAI).zoneLabel();
    }
}
