package com.meterledger.app.security;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.edge.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static com.meterledger.edge.security.Roles.AUDITOR;
import static com.meterledger.edge.security.Roles.FINANCE;
import static com.meterledger.edge.security.Roles.PLATFORM_ADMIN;
import static com.meterledger.edge.security.Roles.PROPERTY_MANAGER;
import static com.meterledger.edge.security.Roles.TENANT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The isolation matrix of the web UI, whose pages open with a signed-in session (cookie), never with a bearer token:
 * every {@code /ui} handler the application maps x anonymous and a person of every role of tenant A (signed in
 * through the issuer's login page) x tenant A's and tenant B's ids. Anonymous visitors are sent to sign in; a role
 * the policy does not allow gets 403; an allowed role gets the page for its own ids and 404 for tenant B's (an id of
 * another tenant reads exactly like an unknown one; a property manager may get 403, B's property not being theirs);
 * no page shown to tenant A carries any of tenant B's data.
 * {@link IsolationMatrixTest} checks the other half: that a bearer token opens none of these pages.
 */
class UiIsolationTest extends IntegrationTest {
    static final String PUBLIC = "PUBLIC";
    private static final Set<String> PROPERTY_READERS = Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER);
    private static final Set<String> AUDIT_READERS = Set.of(TENANT_ADMIN, FINANCE, AUDITOR);
    private static final Set<String> SIGNED_IN = Roles.ALL;
    private static final String SEND_LINK = "POST /ui/payment-links/{linkId}/send";
    private static final String ACKNOWLEDGE_ALERT = "POST /ui/alerts/{alertId}/acknowledgement";
    private static final String DECIDE_ADJUSTMENT = "POST /ui/adjustments/decision";
    private static final String ENROL_SECOND_FACTOR = "POST /ui/me/second-factor";
    private static final String REMOVE_SECOND_FACTOR = "POST /ui/me/second-factor/removal";
    /** An operator resets a tenant's person's second factor: the operator is not a tenant's, so no id is foreign. */
    private static final String OPERATOR_RESETS_STAFF = "POST /ui/platform/staff/{personId}/second-factor-removal";
    /** An offline payment of tenant A's account, made through the API before the matrix. */
    private static final String RECEIPT = "ui-matrix-receipt";

    /** Who may open which page: the same rules as the API endpoints that show the same data. */
    static final Map<String, Set<String>> UI_POLICY = Map.ofEntries(
            Map.entry("GET /ui", SIGNED_IN),
            Map.entry("GET /ui/signed-out", Set.of(PUBLIC)),
            Map.entry("GET /ui/properties/{propertyId}", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/stream", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/accounts", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/meters", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/report", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/report.csv", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/report.xlsx", PROPERTY_READERS),
            Map.entry("GET /ui/accounts/{accountId}", PROPERTY_READERS),
            Map.entry("GET /ui/audit", AUDIT_READERS),
            // the own tenant's settings
            Map.entry("GET /ui/settings", PROPERTY_READERS),
            Map.entry("POST /ui/settings", Set.of(TENANT_ADMIN)),
            // portal: the tenant's payment methods for occupants (WeChat Pay, Alipay)
            Map.entry("POST /ui/settings/payment-methods", Set.of(TENANT_ADMIN)),
            // access: the second-factor requirement, its own section of the settings page
            Map.entry("POST /ui/settings/second-factor", Set.of(TENANT_ADMIN)),
            // channels: notification channels and SMS sender name, sections of the settings page
            Map.entry("POST /ui/settings/notification-channels", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/settings/sms-sender", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/audit/balance", AUDIT_READERS),
            Map.entry("GET /ui/audit/reconciliation", AUDIT_READERS),
            Map.entry("GET /ui/audit/events", AUDIT_READERS),
            Map.entry("GET /ui/platform/projections/{projection}", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/projections/{projection}/rebuild", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /ui/platform/projections/{projection}/status", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /ui/finance/reconciliation", AUDIT_READERS),
            Map.entry("GET /ui/finance/reconciliation.csv", AUDIT_READERS),
            Map.entry("POST /ui/finance/reconciliation/runs", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /ui/finance/stripe", AUDIT_READERS),
            Map.entry("POST /ui/finance/stripe/connect", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/finance/stripe/fee", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/accounts/{accountId}/payment-links", Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("POST /ui/payment-links/{linkId}/revoke", Set.of(TENANT_ADMIN, FINANCE)),
            // remembered phones (issue 17 item 2): revoked by whoever may issue the account's links; posted empty,
            // the form is refused naming its field (400), revoking nothing
            Map.entry("POST /ui/accounts/{accountId}/remembered-devices/revocation",
                    Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry(SEND_LINK, Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/offline-payments", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /ui/accounts/{accountId}/receipts/{receiptNumber}", AUDIT_READERS),
            // alerts inbox (issue 18): a manager's inbox is scoped to their properties in the bean
            Map.entry("GET /ui/alerts", PROPERTY_READERS),
            Map.entry(ACKNOWLEDGE_ALERT, Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("GET /ui/settings/alerts", PROPERTY_READERS),
            Map.entry("POST /ui/settings/alerts", Set.of(TENANT_ADMIN)),
            // people (issue 16): the tenant's own administrators only; another tenant's person is not found
            Map.entry("GET /ui/people", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/people", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/people/{personId}", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/people/{personId}/roles", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/people/{personId}/deactivation", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/people/{personId}/reactivation", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/people/{personId}/second-factor-removal", Set.of(TENANT_ADMIN)),
            // a person's own second factor (the operator has none to enrol here: the page says it is not theirs)
            Map.entry("GET /ui/me/second-factor", SIGNED_IN),
            Map.entry(ENROL_SECOND_FACTOR, SIGNED_IN),
            Map.entry(REMOVE_SECOND_FACTOR, SIGNED_IN),
            // billing: the tenant's own plan (its administrator), the operator's console of every tenant
            Map.entry("GET /ui/billing", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/billing/checkout", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/billing/portal", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/platform/tenants", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/tenants/{tenantId}/suspension", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/tenants/{tenantId}/resumption", Set.of(PLATFORM_ADMIN)),
            // the platform's operators (issue 16): operators only, whatever a tenant's person's role
            Map.entry("GET /ui/platform/operators", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/operators", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/operators/{personId}/deactivation", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /ui/platform/operators/{personId}/second-factor-removal", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /ui/platform/staff", Set.of(PLATFORM_ADMIN)),
            Map.entry(OPERATOR_RESETS_STAFF, Set.of(PLATFORM_ADMIN)),
            // landlord: every landlord task in the UI and the bulk import, with the roles of their API endpoints
            Map.entry("GET /ui/properties/new", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/properties/new", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/properties/{propertyId}/setup", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/properties/{propertyId}/units", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/properties/{propertyId}/details", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/properties/{propertyId}/unit-names", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/properties/{propertyId}/meters", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/properties/{propertyId}/accounts", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("GET /ui/properties/{propertyId}/supply", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/properties/{propertyId}/supply", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/tariffs", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/tariffs", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/tariffs/{tariffId}", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/tariffs/{tariffId}/versions", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/gateways/manage", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/gateways", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/gateways/{gatewayId}/secret", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/gateways/{gatewayId}/meters", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/accounts/{accountId}/manage", Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/thresholds", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/credit-policy", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/debts", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/adjustments", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/adjustments/decision", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/refunds", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /ui/accounts/{accountId}/move-out", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/meter-replacement", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/protection", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/supply-commands", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/decommission", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /ui/accounts/{accountId}/contact", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("GET /ui/imports", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/imports/template.csv", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/imports/dry-run", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/imports/run", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/imports/jobs/{jobId}", Set.of(TENANT_ADMIN)),
            // lists and search (issue 18): the API's rules (GET /api/accounts, ...), a manager within their scope
            Map.entry("GET /ui/accounts", PROPERTY_READERS),
            Map.entry("GET /ui/meters", PROPERTY_READERS),
            Map.entry("GET /ui/properties", PROPERTY_READERS),
            Map.entry("GET /ui/units", PROPERTY_READERS),
            Map.entry("GET /ui/gateways", PROPERTY_READERS),
            Map.entry("GET /ui/search", PROPERTY_READERS),
            Map.entry("GET /ui/head-office", PROPERTY_READERS),
            Map.entry("GET /ui/head-office.csv", AUDIT_READERS),
            Map.entry("GET /ui/properties/{propertyId}/history", PROPERTY_READERS),
            Map.entry("GET /ui/accounts/{accountId}/history", PROPERTY_READERS),
            Map.entry("GET /ui/properties/{propertyId}/kpis", PROPERTY_READERS),
            // meter hierarchies (issue 18, line loss): tenant-wide, so not for a property manager
            Map.entry("GET /ui/settings/meter-hierarchy", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("POST /ui/settings/meter-hierarchy", Set.of(TENANT_ADMIN)),
            // export: leaving with the data, the tenant's administrator only
            Map.entry("POST /ui/export", Set.of(TENANT_ADMIN)),
            Map.entry("GET /ui/export/{jobId}", Set.of(TENANT_ADMIN)),
            // leaving: the closure page, the tenant's administrator only; the matrix posts it empty (400, nothing closed)
            Map.entry("GET /ui/closure", Set.of(TENANT_ADMIN)),
            Map.entry("POST /ui/closure", Set.of(TENANT_ADMIN)),
            // adjustment approval queue (walk): the API's readers see it, a manager within their properties; the
            // decision is the account's endpoint's (tenant admin and finance)
            Map.entry("GET /ui/adjustments", PROPERTY_READERS),
            Map.entry(DECIDE_ADJUSTMENT, Set.of(TENANT_ADMIN, FINANCE)));

    /**
     * Changes to a person: after a deactivation (in any order) a role change is refused by its rule, 422; the
     * fixture's person has no second factor, so its reset is refused by its rule too.
     */
    private static final Set<String> PEOPLE_CHANGES = Set.of("POST /ui/people/{personId}/roles",
            "POST /ui/people/{personId}/deactivation", "POST /ui/people/{personId}/reactivation",
            "POST /ui/people/{personId}/second-factor-removal");

    /**
     * landlord: form posts the matrix sends empty. Past the role and tenant checks, each is refused in place with
     * a 400 naming its first missing field, so the matrix never cuts, closes or imports anything of tenant A's.
     */
    private static final Set<String> EMPTY_FORMS = UI_POLICY.keySet().stream()
            .filter(key -> key.startsWith("POST /ui/properties/") || key.startsWith("POST /ui/tariffs")
                    || key.equals("POST /ui/gateways") || key.startsWith("POST /ui/accounts/{accountId}/")
                    && !key.endsWith("/payment-links") && !key.endsWith("/offline-payments")
                    || key.startsWith("POST /ui/imports/") || key.equals("POST /ui/closure"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The day the matrix reconciles tenant A (the API matrix reconciles it too). */
    private static final String RECONCILED_DAY = "2026-01-01";

    /** Query strings a page needs to get past its input checks to the ids. */
    private static final Map<String, String> QUERIES = Map.ofEntries(
            Map.entry("GET /ui/audit/balance", "?accountId={accountId}&at={now}"),
            Map.entry("GET /ui/finance/reconciliation.csv", "?date=" + RECONCILED_DAY),
            Map.entry("POST /ui/finance/reconciliation/runs", "?date=" + RECONCILED_DAY),
            Map.entry("POST /ui/finance/stripe/fee", "?basisPoints=0&fixedMinor=0"),
            Map.entry("POST /ui/billing/checkout", "?plan=starter"),
            Map.entry("POST /ui/platform/tenants/{tenantId}/suspension", "?reason=matrix"),
            Map.entry("POST /ui/platform/tenants/{tenantId}/resumption", "?reason=matrix"),
            Map.entry(SEND_LINK, "?channel=EMAIL"),
            // refused by its rule in place (200, the page says why): tenant-a's occupants keep their channels
            Map.entry("POST /ui/settings/notification-channels", "?occupantEmail=true&staffAlertAddress=not-an-address"),
            Map.entry(ACKNOWLEDGE_ALERT, "?note=matrix"),
            Map.entry("POST /ui/accounts/{accountId}/offline-payments", "?receiptNumber={newReceipt}&amount=1.00&method=CASH"),
            Map.entry("GET /ui/properties/{propertyId}/report.csv", "?from={monthAgo}&to={today}"),
            Map.entry("POST /ui/people", "?name=Matrix&email=matrix-{newReceipt}@example.com&roles=FINANCE"),
            Map.entry("POST /ui/people/{personId}/roles", "?roles=AUDITOR"),
            Map.entry("POST /ui/platform/operators", "?name=Matrix&email=matrix-operator-{newReceipt}@example.com"),
            Map.entry("GET /ui/properties/{propertyId}/report.xlsx", "?from={monthAgo}&to={today}"),
            // lists, search and head office: the fixtures' account ids all begin so; tenant B's must never show
            Map.entry("GET /ui/search", "?q=acc-"),
            Map.entry("GET /ui/accounts", "?sort=-balance"),
            Map.entry("GET /ui/head-office.csv", "?month=2026-01"),
            // adjustment approval queue (walk): a decision on an adjustment that waits nowhere
            Map.entry(DECIDE_ADJUSTMENT, "?accountId={accountId}&adjustmentId=no-such-adjustment&decision=reject"));

    /**
     * The people of tenant A, one per role a person holds ({@link TestPeople}), and the platform operator. No person
     * holds {@code GATEWAY}: a gateway is a machine client, which cannot sign in here
     * ({@link #aGatewayIsAMachineClientThatCannotSignInToThePages}) and whose bearer token opens no page
     * ({@link IsolationMatrixTest}).
     */
    private static final Map<String, String> PEOPLE = Map.of(
            TENANT_ADMIN, TestPeople.ADMIN_A, PROPERTY_MANAGER, TestPeople.MANAGER_A, FINANCE, TestPeople.FINANCE_A,
            AUDITOR, TestPeople.AUDITOR_A, PLATFORM_ADMIN, TestPeople.OPERATOR);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Fixture a;
    private Fixture b;

    static boolean isUi(String pattern) {
        return pattern.equals("/ui") || pattern.startsWith("/ui/");
    }

    record Page(String method, String pattern) {
        String key() {
            return method + " " + pattern;
        }
    }

    @BeforeEach
    void twoTenantsWithData() {
        a = Fixture.of("a", port);
        b = Fixture.of("b", port);
        StripeFake.onboard(as(TENANT_A), TENANT_A);
        StripeFake.nextSubscriptionCheckout("cs_sub_ui_matrix");
        assertThat(as(TENANT_A).post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(RECONCILED_DAY)).status()).isEqualTo(201);
        assertThat(as(TENANT_A).post("/api/accounts/%s/offline-payments".formatted(a.accountId()), """
                {"receiptNumber":"%s","amountMinor":100,"currency":"EUR","method":"CASH"}""".formatted(RECEIPT))
                .status()).isIn(200, 201);
    }

    private List<Page> pages() {
        List<Page> pages = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPathPatternsCondition().getPatternValues()) {
                if (isUi(pattern)) {
                    entry.getKey().getMethodsCondition().getMethods()
                            .forEach(method -> pages.add(new Page(method.name(), pattern)));
                }
            }
        }
        return pages;
    }

    @Test
    void everyPageIsInThePolicy() {
        Set<String> found = new TreeSet<>();
        pages().forEach(page -> found.add(page.key()));
        assertThat(found).as("UI pages missing from UI_POLICY").isSubsetOf(UI_POLICY.keySet());
        assertThat(UI_POLICY.keySet()).as("UI_POLICY entries for pages that no longer exist").isSubsetOf(found);
    }

    @Test
    void everyRoleOnEveryPageWithOwnAndForeignIds() {
        Map<String, UiSession> sessions = new LinkedHashMap<>();
        sessions.put("anonymous", UiSession.anonymous(port));
        new TreeSet<>(PEOPLE.keySet()).forEach(role ->
                sessions.put(role, UiSession.signIn(port, PEOPLE.get(role), TestPeople.PASSWORD)));
        List<String> violations = new ArrayList<>();
        int requests = 0;
        for (Page page : pages()) {
            Set<String> allowed = UI_POLICY.getOrDefault(page.key(), Set.of());
            String template = page.pattern() + QUERIES.getOrDefault(page.key(), "");
            boolean usesIds = template.matches(".*\\{(propertyId|accountId|linkId|personId)}.*");
            for (Map.Entry<String, UiSession> caller : sessions.entrySet()) {
                String role = caller.getKey();
                for (Fixture target : usesIds ? List.of(a, b) : List.of(a)) {
                    boolean foreign = target == b;
                    String path = fill(template, target);
                    UiSession.Page answer = page.method().equals("POST") ? caller.getValue().post(path)
                            : caller.getValue().open(path);
                    requests++;
                    String what = "%s as %s on %s ids -> %d %s".formatted(page.key(), role,
                            foreign ? "foreign" : "own", answer.status(), Http.abbreviate(answer.body()));
                    if (leaks(answer.body())) {
                        violations.add("LEAK: " + what);
                    }
                    int status = answer.status();
                    if (status >= 500) {
                        violations.add("server error: " + what);
                    } else if (allowed.contains(PUBLIC)) {
                        expect(violations, what, status == 200);
                    } else if (role.equals("anonymous")) {
                        expect(violations, what, status == 302 && answer.location() != null
                                && answer.location().endsWith(WebLoginConfiguration.SIGN_IN));
                    } else if (!allowed.contains(role)) {
                        expect(violations, what, status == 403 || (foreign && status == 404));
                    } else if (page.key().equals(OPERATOR_RESETS_STAFF)) {
                        // the operator serves every tenant: either tenant's person, who has no second factor, is
                        // refused in place alike and nothing changes
                        expect(violations, what, status == 422);
                    } else if (foreign) {
                        // a manager's scope is the properties in their token: another tenant's is simply not theirs
                        expect(violations, what, status == 404 || role.equals(PROPERTY_MANAGER) && status == 403);
                    } else if (PEOPLE_CHANGES.contains(page.key())) {
                        expect(violations, what, status == 200 || status == 422);
                    } else if (page.key().equals(SEND_LINK)) {
                        // past the role and tenant checks, sending depends on the fixture occupant's contact, if any
                        expect(violations, what, status == 200 || status == 422);
                    } else if (EMPTY_FORMS.contains(page.key())) {
                        expect(violations, what, status == 400);
                    } else if (page.pattern().contains("{gatewayId}") || page.pattern().contains("{jobId}")) {
                        // the fixtures have no gateway and no import job: an unknown id is a 404 page
                        expect(violations, what, status == 404);
                    } else if (page.pattern().startsWith("/ui/billing/")) {
                        // billing: off to Stripe's Checkout or Portal, or a rule's refusal past the role and tenant
                        // checks (the portal before any subscription, a plan smaller than the tenant's meters)
                        expect(violations, what, status == 302 && answer.location() != null
                                && answer.location().startsWith("https://") || status == 422);
                    } else if (page.pattern().startsWith("/ui/export")) {
                        // export: a started job returns to the billing page's progress; a job id that is no one's
                        // (the matrix never names a real job) is not found
                        expect(violations, what, page.method().equals("POST") ? status == 302
                                && answer.location() != null && answer.location().contains("/ui/billing?export=exp-")
                                : status == 404);
                    } else if (page.pattern().startsWith("/ui/platform/operators/")) {
                        // a tenant's person's id is no operator's: the matrix never deactivates a real operator nor
                        // removes a real operator's second factor
                        expect(violations, what, status == 404);
                    } else if (page.pattern().contains("{tenantId}")) {
                        // never a real tenant: the test must not suspend the shared tenants mid-run
                        expect(violations, what, status == 404);
                    } else if (page.key().equals(ENROL_SECOND_FACTOR)) {
                        // posting it without a code is refused in place (no code confirms the key), nothing enrolled:
                        // a tenant's person and a platform operator alike, each enrolling into their own row
                        expect(violations, what, status == 400);
                    } else if (page.key().equals(REMOVE_SECOND_FACTOR)) {
                        // posted without the current password: refused in place naming it, nothing removed
                        expect(violations, what, status == 400);
                    } else if (page.key().equals(DECIDE_ADJUSTMENT)) {
                        // the account is the caller's tenant's, its adjustment waits nowhere: refused in place, 404
                        expect(violations, what, status == 404);
                    } else if (page.pattern().contains("{projection}") || page.pattern().contains("{alertId}")) {
                        // never a real projection: the test must not empty the shared tables mid-run; alerts are
                        // opened by evaluator passes, which the matrix does not run: the id is unknown
                        expect(violations, what, status == 404);
                    } else {
                        expect(violations, what, status == 200);
                    }
                }
            }
        }
        assertThat(violations).as("UI isolation violations").isEmpty();
        assertThat(requests).isGreaterThan(150);
    }

    @Test
    void aPropertyManagerSeesOnlyTheirPropertiesOnTheHomePage() {
        UiSession manager = UiSession.signIn(port, TestPeople.MANAGER_A, TestPeople.PASSWORD);

        String home = manager.get("/ui").body();

        assertThat(home).contains("property-" + a.propertyId()).doesNotContain(b.marker());
    }

    @Test
    void aGatewayIsAMachineClientThatCannotSignInToThePages() {
        assertThat(PersonTokens.signIn(port, "tenant-a-gateway", "test-secret"))
                .as("a gateway client's id and secret are no person's sign-in").isEmpty();

        Api.Response invited = as(TENANT_A).post("/api/tenant/people", """
                {"name":"A gateway","email":"gateway@tenant-a.test","roles":["GATEWAY"]}""");

        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(400);
        assertThat(invited.text("rule")).isEqualTo("person-role-not-grantable");
    }

    private boolean leaks(String body) {
        return body != null && (body.contains(b.marker()) || body.contains(Long.toString(b.credit()))
                || body.contains(BigDecimal.valueOf(b.credit(), 2).toPlainString()));
    }

    private static void expect(List<String> violations, String what, boolean ok) {
        if (!ok) {
            violations.add(what);
        }
    }

    private String fill(String template, Fixture target) {
        return target.fill(template, name -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return switch (name) {
                case "now" -> Instant.now().toString();
                case "today" -> today.toString();
                case "monthAgo" -> today.minusDays(30).toString();
                case "projection" -> "no-such-projection";
                case "alertId" -> "no-such-alert";
                case "tenantId" -> "no-such-tenant";
                // export: a well-formed job id that is no one's
                case "jobId" -> "exp-" + UUID.randomUUID();
                case "receiptNumber" -> RECEIPT;
                case "gatewayId" -> "no-such-gateway";
                case "newReceipt" -> "ui-" + UUID.randomUUID();
                // a live link of the target's for every call: each allowed caller revokes one
                case "linkId" -> as(target.tenant()).post("/api/accounts/%s/payment-links"
                        .formatted(target.accountId()), null).text("linkId");
                default -> null;
            };
        });
    }
}
