package com.meterledger.app.security;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.meterledger.edge.security.Roles.AUDITOR;
import static com.meterledger.edge.security.Roles.FINANCE;
import static com.meterledger.edge.security.Roles.GATEWAY;
import static com.meterledger.edge.security.Roles.PLATFORM_ADMIN;
import static com.meterledger.edge.security.Roles.PROPERTY_MANAGER;
import static com.meterledger.edge.security.Roles.TENANT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint the application maps (read from its own RequestMappingHandlerMapping, so a new endpoint is in here
 * the moment it exists) x every role x the caller's own and another tenant's ids:
 * <ul>
 *   <li>no token: 401; a role the policy below does not allow: 403 (own ids) or 403/404 (foreign ids);</li>
 *   <li>an allowed role on own ids: through authorization (no 401/403, no 5xx);</li>
 *   <li>an allowed role on foreign ids: 403 or 404, never a success;</li>
 *   <li>no answer to tenant A contains a byte of tenant B's data, and tenant B's rows and events are unchanged.</li>
 * </ul>
 * An endpoint with no authorization rule, or missing from the policy table, fails the build.
 */
class IsolationMatrixTest extends IntegrationTest {
    private static final Set<String> TENANT_ROLES = Set.of(TENANT_ADMIN, PROPERTY_MANAGER, FINANCE, AUDITOR, GATEWAY);
    private static final Set<String> EVERYONE = Roles.ALL;
    private static final String PUBLIC = "PUBLIC";
    /** Public pages without any data (where Stripe Checkout sends the occupant back to): open to everyone. */
    private static final String STATIC = "STATIC";
    /** Sign-up: open to everyone, no tenant yet; the sample bodies are incomplete, so every caller is refused. */
    private static final String SIGN_UP = "SIGN_UP";
    private static final String READERS = "readers";
    /** The sign-in steps after the password: forms of the login chain, refused to everyone without its CSRF token. */
    private static final String LOGIN_STEP = "LOGIN_STEP";

    /** An operator resets a tenant's person's second factor: the operator is not a tenant's, so no id is foreign. */
    private static final String OPERATOR_RESETS_STAFF = "POST /api/platform/staff/{personId}/second-factor-removal";
    /** Who may call what: the policy, written down once more so a changed rule is a visible, reviewed change. */
    static final Map<String, Set<String>> POLICY = Map.ofEntries(
            Map.entry("GET /api/me", EVERYONE),
            // access: the caller's own second factor; a machine client has none to remove (422, nothing changes)
            Map.entry("POST /api/me/second-factor-removal", EVERYONE),
            Map.entry("POST /api/properties", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/properties", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("POST /api/properties/{propertyId}/units", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}/units", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            // registry corrections (issue 18, editing): as the registry's other writes
            Map.entry("PUT /api/properties/{propertyId}", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("PUT /api/properties/{propertyId}/units/{unitId}", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/readings", Set.of(TENANT_ADMIN, GATEWAY, PROPERTY_MANAGER)),
            Map.entry("POST /api/accounts", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/accounts/{accountId}/top-ups", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /api/accounts/{accountId}", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/accounts/{accountId}/statement", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("POST /api/accounts/{accountId}/payment-links", Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("DELETE /api/payment-links/{linkId}", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /pay/{accountId}/balance", Set.of(PUBLIC)),
            Map.entry("PUT /api/accounts/{accountId}/thresholds", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("PUT /api/accounts/{accountId}/credit-policy", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/accounts/{accountId}/debts", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/accounts/{accountId}/refunds", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/accounts/{accountId}/move-out", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/protection", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/decommission", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/rollover", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/accounts/{accountId}/meter-replacement", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/supply-commands", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/meters/{meterId}/supply-commands/{commandId}/acknowledgement",
                    Set.of(TENANT_ADMIN, GATEWAY)),
            Map.entry("POST /api/supply/batch", Set.of(TENANT_ADMIN)),
            Map.entry("PUT /api/accounts/{accountId}/contact", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("GET /api/accounts/{accountId}/contact", Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("DELETE /api/accounts/{accountId}/contact", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            Map.entry("POST /api/accounts/{accountId}/adjustments", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/accounts/{accountId}/adjustments/{adjustmentId}/decision", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /api/audit/accounts/{accountId}/balance", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/audit/reconciliation", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("POST /api/audit/projections/{projection}/rebuild", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/audit/projections/{projection}/rebuild/status", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/audit/dead-letters", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/audit/dead-letters/{group}", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/audit/dead-letters/{group}/{letterId}", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/audit/dead-letters/{group}/{letterId}/retry", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/audit/dead-letters/{group}/retry", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/reports/accounts/{accountId}/period", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/reports/accounts/{accountId}/period.csv",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/reports/properties/{propertyId}/period",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/reports/properties/{propertyId}/period.csv",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/reports/properties/{propertyId}/period.xlsx",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}/dashboard", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}/dashboard/stream",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/dashboard/head-office", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/meters/{meterId}/status", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("POST /api/exports", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/exports/{exportId}", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/exports/{exportId}/file", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("POST /api/gateways", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/gateways/{gatewayId}", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/gateways/{gatewayId}/secret", Set.of(TENANT_ADMIN)),
            Map.entry("PUT /api/gateways/{gatewayId}/meters/{meterId}", Set.of(TENANT_ADMIN)),
            Map.entry("DELETE /api/gateways/{gatewayId}/meters/{meterId}", Set.of(TENANT_ADMIN)),
            // gateways authenticate with their own credentials (HTTP Basic), never with a bearer token
            Map.entry("POST /gateway/v1/readings", Set.of(PUBLIC)),
            Map.entry("POST /gateway/v1/heartbeat", Set.of(PUBLIC)),
            Map.entry("POST /gateway/v1/acks", Set.of(PUBLIC)),
            Map.entry("GET /gateway/v1/commands", Set.of(PUBLIC)),
            Map.entry("POST /api/tariffs", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tariffs/{tariffId}/versions", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tariffs/{tariffId}", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("POST /api/tariffs/{tariffId}/dry-runs", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/tariffs/{tariffId}/assignments", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/accounts/{accountId}/checkout-sessions", Set.of(TENANT_ADMIN, FINANCE)),
            // Stripe authenticates by the signature over the raw body, never with a bearer token
            Map.entry("POST /webhooks/stripe", Set.of(PUBLIC)),
            Map.entry("POST /pay/{accountId}/checkout-sessions", Set.of(PUBLIC)),
            Map.entry("GET /api/meters/{meterId}/consumption/daily",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}/consumption/daily",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/audit/events", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("POST /api/payments/connect", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/payments/connect", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/payments/connect/return", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/payments/connect/refresh", Set.of(TENANT_ADMIN)),
            Map.entry("PUT /api/payments/settings", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/payments/settings", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/payments/reconciliation/runs", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /api/payments/reconciliation", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /api/payments/reconciliation/export", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("GET /pay/{accountId}", Set.of(PUBLIC)),
            Map.entry("POST /pay/{accountId}/checkout", Set.of(PUBLIC)),
            Map.entry("GET /pay/success", Set.of(STATIC)),
            Map.entry("POST /api/signups", Set.of(SIGN_UP)),
            Map.entry("GET /", Set.of(STATIC)),
            Map.entry("GET /login", Set.of(STATIC)),
            // the platform's operator: tenants' directory facts and life cycle only, never a tenant's data
            Map.entry("GET /api/platform/tenants", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/tenants/{tenantId}/suspension", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/tenants/{tenantId}/resumption", Set.of(PLATFORM_ADMIN)),
            // the platform's operators (issue 16): operators only; a tenant's people of every role get 403
            Map.entry("GET /api/platform/operators", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/platform/operators/changes", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/operators", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/operators/{personId}/deactivation", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/operators/{personId}/second-factor-removal", Set.of(PLATFORM_ADMIN)),
            Map.entry("GET /api/platform/staff", Set.of(PLATFORM_ADMIN)),
            Map.entry(OPERATOR_RESETS_STAFF, Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/invitations/operator-acceptance", Set.of(SIGN_UP)),
            Map.entry("GET /invitation/operator", Set.of(STATIC)),
            Map.entry("POST /invitation/operator", Set.of(SIGN_UP)),
            Map.entry("GET /signup", Set.of(STATIC)),
            Map.entry("GET /signup/verify", Set.of(STATIC)),
            Map.entry("POST /signup", Set.of(SIGN_UP)),
            Map.entry("POST /signup/verify", Set.of(SIGN_UP)),
            Map.entry("GET /api/tenant/settings", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/tenant/settings", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/settings/webhook-secret", Set.of(TENANT_ADMIN)),
            // machine clients: a tenant's own administrators only; another tenant's client is not found
            Map.entry("POST /api/tenant/clients", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/clients", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/clients/{clientId}", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/clients/{clientId}/secret", Set.of(TENANT_ADMIN)),
            Map.entry("DELETE /api/tenant/clients/{clientId}", Set.of(TENANT_ADMIN)),
            // people: a tenant's own administrators only; another tenant's person is not found (issue 16)
            Map.entry("POST /api/tenant/people", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/people", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/people/{personId}", Set.of(TENANT_ADMIN)),
            Map.entry("PUT /api/tenant/people/{personId}/roles", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/people/{personId}/deactivation", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/people/{personId}/reactivation", Set.of(TENANT_ADMIN)),
            // a lost second factor: the fixture's person has none, so the tenant's own administrator is refused by the
            // rule (422 second-factor-reset-not-enrolled) and nothing changes; another tenant's person is not found
            Map.entry("POST /api/tenant/people/{personId}/second-factor-removal", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/invitations/acceptance", Set.of(SIGN_UP)),
            Map.entry("GET /invitation", Set.of(STATIC)),
            Map.entry("POST /invitation", Set.of(SIGN_UP)),
            Map.entry("GET /login/tenant", Set.of(STATIC)),
            Map.entry("POST /login/tenant", Set.of(LOGIN_STEP)),
            Map.entry("GET /login/code", Set.of(STATIC)),
            Map.entry("POST /login/code", Set.of(LOGIN_STEP)),
            // access: a tenant's second-factor requirement (its own settings section) and the sign-in step that enrols
            // one
            Map.entry("GET /api/tenant/settings/second-factor", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            Map.entry("PUT /api/tenant/settings/second-factor", Set.of(TENANT_ADMIN)),
            Map.entry("GET /login/second-factor", Set.of(STATIC)),
            Map.entry("POST /login/second-factor", Set.of(LOGIN_STEP)),
            // channels: notification channels and SMS sender name (their own settings sections)
            Map.entry("GET /api/tenant/settings/notification-channels",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/tenant/settings/notification-channels", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/settings/sms-sender", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/tenant/settings/sms-sender", Set.of(TENANT_ADMIN)),
            // reset: self-service password reset (issue 16); one answer for every address, the link is the credential
            Map.entry("POST /api/password-reset", Set.of(SIGN_UP)),
            Map.entry("POST /api/password-reset/completion", Set.of(SIGN_UP)),
            Map.entry("GET /password-reset", Set.of(STATIC)),
            Map.entry("POST /password-reset", Set.of(SIGN_UP)),
            Map.entry("GET /password-reset/new", Set.of(STATIC)),
            Map.entry("POST /password-reset/new", Set.of(SIGN_UP)),
            Map.entry("POST /api/signups/verification", Set.of(SIGN_UP)),
            Map.entry("GET /pay/cancel", Set.of(STATIC)),
            // portal: the occupant portal's live stream and receipts, behind the same payment-link token
            Map.entry("GET /pay/{accountId}/events", Set.of(PUBLIC)),
            Map.entry("GET /pay/{accountId}/receipts/{sequence}", Set.of(PUBLIC)),
            // occupant: the occupant's own low-balance alerts behind the link; the way out of them from each alert
            // (a page without data: an unknown token finds nothing and is told "already off")
            Map.entry("POST /pay/{accountId}/alerts", Set.of(PUBLIC)),
            // remembered phones (issue 17 item 2): the occupant's doors need a live link or the phone's own cookie;
            // the account's readers list them, whoever may issue its links revokes them
            Map.entry("POST /pay/{accountId}/device", Set.of(PUBLIC)),
            Map.entry("POST /pay/{accountId}/device/forget", Set.of(PUBLIC)),
            Map.entry("GET /api/accounts/{accountId}/remembered-devices",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("DELETE /api/accounts/{accountId}/remembered-devices/{deviceId}",
                    Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("DELETE /api/accounts/{accountId}/remembered-devices",
                    Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("GET /pay/alerts/stop/{tenantId}/{unsubscribeToken}", Set.of(STATIC)),
            Map.entry("POST /pay/alerts/stop/{tenantId}/{unsubscribeToken}", Set.of(STATIC)),
            Map.entry("GET /api/tenant/payment-methods", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/tenant/payment-methods", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/payment-links/{linkId}/send", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("POST /api/accounts/{accountId}/offline-payments", Set.of(TENANT_ADMIN, FINANCE)),
            Map.entry("GET /api/accounts/{accountId}/receipts/{receiptNumber}", Set.of(TENANT_ADMIN, FINANCE, AUDITOR)),
            // billing: the tenant's own subscription to the platform (its administrator only); the operator's view of
            // what every tenant pays (billing facts only)
            Map.entry("GET /api/tenant/billing", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/billing/plans", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/billing/checkout-sessions", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/billing/portal-sessions", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/platform/subscriptions", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/platform/tenants/{tenantId}/closure", Set.of(PLATFORM_ADMIN)),
            // deliveries have no tenant until processed: platform operations data (SECURITY.md)
            Map.entry("GET /api/payments/webhook-inbox", Set.of(PLATFORM_ADMIN)),
            Map.entry("POST /api/payments/webhook-inbox/{deliveryId}/retry", Set.of(PLATFORM_ADMIN)),
            // alerts inbox (issue 18): a manager's answers are scoped to their properties in the bean
            Map.entry("GET /api/alerts", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("POST /api/alerts/{alertId}/acknowledgement", Set.of(TENANT_ADMIN, FINANCE, PROPERTY_MANAGER)),
            Map.entry("GET /api/tenant/settings/alerts", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/tenant/settings/alerts", Set.of(TENANT_ADMIN)),
            // landlord: bulk import (the matrix sends no file: past the role check, a 400 naming the part)
            Map.entry("POST /api/imports/dry-runs", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/imports", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/imports/{jobId}", Set.of(TENANT_ADMIN)),
            // lists and search (issue 18): every reader role, a property manager within their properties
            Map.entry("GET /api/accounts", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/meters", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/units", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/gateways", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/search", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/head-office", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/properties/{propertyId}/history", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("GET /api/accounts/{accountId}/history", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            // meter hierarchies (issue 18, line loss): a manager reaches only their properties'
            Map.entry("GET /api/properties/{propertyId}/meter-hierarchy",
                    Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            Map.entry("PUT /api/properties/{propertyId}/meter-hierarchy", Set.of(TENANT_ADMIN, PROPERTY_MANAGER)),
            // export: leaving with everything of the tenant, its administrator only; another tenant's job is 404
            Map.entry("POST /api/tenant/export", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/export/{jobId}", Set.of(TENANT_ADMIN)),
            Map.entry("GET /api/tenant/export/{jobId}/download", Set.of(TENANT_ADMIN)),
            Map.entry("POST /api/tenant/closure", Set.of(TENANT_ADMIN)),
            // adjustment approval queue (walk): every reader role, a property manager within their properties
            Map.entry("GET /api/adjustments", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)),
            // tariffs: the tariff list from the tariff read model, every reader role (a property manager: the shared
            // tariffs and their properties' accounts' own; TariffListTest proves the scope)
            Map.entry("GET /api/tariffs", Set.of(TENANT_ADMIN, FINANCE, AUDITOR, PROPERTY_MANAGER)));

    /**
     * Batch endpoints answer per item: foreign ids come back as NOT_FOUND items of a 200, and must change nothing
     * (the footprint check below) and leak nothing.
     */
    private static final Set<String> BATCHES = Set.of("POST /api/supply/batch",
            "POST /api/tariffs/{tariffId}/assignments");

    /** Request bodies; {new} is a fresh id, {now} the current instant, {register} a rising register, others ids. */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/properties", """
                    {"propertyId":"{new}","name":"Matrix {new}"}"""),
            Map.entry("POST /api/properties/{propertyId}/units", """
                    {"unitId":"{new}","name":"Matrix unit"}"""),
            Map.entry("PUT /api/properties/{propertyId}", """
                    {"name":"Matrix property","address":"Matrix street"}"""),
            Map.entry("PUT /api/properties/{propertyId}/units/{unitId}", """
                    {"name":"Matrix unit renamed"}"""),
            Map.entry("POST /api/meters", """
                    {"meterId":"{new}","unitId":"{unitId}","utility":"WATER","serialNumber":"SN-{new}"}"""),
            Map.entry("POST /api/meters/{meterId}/readings", """
                    {"readAt":"{now}","registerValue":"{register}"}"""),
            Map.entry("POST /api/accounts", """
                    {"accountId":"{new}","unitId":"{unitId}","meterId":"{meterId}","currency":"EUR",
                     "pricePerUnitMinor":"1","openingReadAt":"{now}","openingRegister":"1"}"""),
            Map.entry("POST /api/accounts/{accountId}/top-ups", """
                    {"amountMinor":1,"currency":"EUR","reference":"matrix-{new}"}"""),
            Map.entry("PUT /api/accounts/{accountId}/thresholds", """
                    {"firstWarningMinor":2000,"secondWarningMinor":500,"cutOffMinor":0,"reconnectMinor":100}"""),
            Map.entry("PUT /api/accounts/{accountId}/credit-policy", """
                    {"emergencyCreditMinor":0,"debtRecoveryPercent":0,"debtRecoveryCapMinor":0}"""),
            Map.entry("POST /api/accounts/{accountId}/debts", """
                    {"amountMinor":1,"currency":"EUR","reason":"matrix"}"""),
            Map.entry("POST /api/accounts/{accountId}/refunds", """
                    {"amountMinor":1,"currency":"EUR","reason":"matrix"}"""),
            // a transfer to an unknown account: passes authorization, then stops at 404 without closing anything
            Map.entry("POST /api/accounts/{accountId}/move-out", """
                    {"finalReadAt":"{now}","finalRegister":"{register}","settlement":"TRANSFER","transferTo":"{new}"}"""),
            Map.entry("POST /api/meters/{meterId}/protection", """
                    {"protect":false,"reason":"matrix"}"""),
            // the fixture's meter supplies its account: decommission stops at 422 meter-supplies-an-account
            Map.entry("POST /api/meters/{meterId}/decommission", """
                    {"reason":"matrix"}"""),
            // far above any register the matrix reaches: declared, never used by its rising readings
            Map.entry("POST /api/meters/{meterId}/rollover", """
                    {"rolloverAt":"100000000","reason":"matrix"}"""),
            // an unknown new meter: passes authorization, then stops at 404 before anything is recorded
            Map.entry("POST /api/accounts/{accountId}/meter-replacement", """
                    {"oldMeterId":"{meterId}","oldFinalReadAt":"{now}","oldFinalRegister":"{register}",
                     "newMeterId":"{new}","newOpeningReadAt":"{now}","newOpeningRegister":"0"}"""),
            Map.entry("POST /api/meters/{meterId}/supply-commands", """
                    {"action":"RESTORE","reason":"matrix"}"""),
            Map.entry("POST /api/meters/{meterId}/supply-commands/{commandId}/acknowledgement", """
                    {"executed":true}"""),
            Map.entry("POST /api/supply/batch", """
                    {"action":"UNPROTECT","meterIds":["{meterId}"],"reason":"matrix"}"""),
            Map.entry("PUT /api/accounts/{accountId}/contact", """
                    {"name":"Matrix Occupant","email":"occupant@example.test","channels":["EMAIL"]}"""),
            Map.entry("POST /api/accounts/{accountId}/adjustments", """
                    {"adjustmentId":"{new}","amountMinor":1,"currency":"EUR","reason":"matrix"}"""),
            Map.entry("POST /api/accounts/{accountId}/adjustments/{adjustmentId}/decision", """
                    {"approve":false,"note":"matrix"}"""),
            Map.entry("POST /api/gateways", """
                    {"gatewayId":"{new}","propertyId":"{propertyId}","name":"Matrix gateway"}"""),
            Map.entry("PUT /api/gateways/{gatewayId}/meters/{meterId}", """
                    {"address":"addr-{new}"}"""),
            Map.entry("POST /gateway/v1/readings", "{}"),
            Map.entry("POST /gateway/v1/heartbeat", "{}"),
            Map.entry("POST /gateway/v1/acks", "{}"),
            Map.entry("POST /api/tariffs", """
                    {"tariffId":"{new}","name":"Matrix","utility":"WATER","currency":"EUR","zone":"UTC"}"""),
            Map.entry("POST /api/tariffs/{tariffId}/versions", """
                    {"effectiveFrom":"{now}","schedule":{"kind":"FLAT","price":"10"},"standingChargePerDay":"0"}"""),
            Map.entry("POST /api/tariffs/{tariffId}/dry-runs", """
                    {"version":{"effectiveFrom":"{now}","schedule":{"kind":"FLAT","price":"10"},
                     "standingChargePerDay":"0"},"days":30}"""),
            Map.entry("POST /api/tariffs/{tariffId}/assignments", """
                    {"accountIds":["{accountId}"]}"""),
            // below the tenant's minimum: passes authorization and the tenant check, stops at 422 before Stripe
            Map.entry("POST /api/accounts/{accountId}/checkout-sessions", """
                    {"amountMinor":1,"currency":"EUR"}"""),
            Map.entry("POST /webhooks/stripe", "{}"),
            Map.entry("POST /api/signups", """
                    {"organisationName":"Matrix","slug":"{new}"}"""),
            // the own tenant's settings as TestTenants made them (a body is read before the role is checked, so it
            // must be valid): past authorization, the shared tenant-a's language, limits and hours stay as they were
            Map.entry("PUT /api/tenant/settings", """
                    {"zone":"UTC","language":"reader","friendlyHours":{"nightStart":"00:00","nightEnd":"00:00",
                     "weekends":false,"holidays":[]},"payments":{"minimumMinor":100,"maximumMinor":100000,
                     "presetsMinor":[1000,2000,5000]},"adjustmentApprovalLimitMinor":5000,"smsSenderName":"MeterLedger"}"""),
            // portal: card only, what tenant-a offers: nothing of the shared tenant changes
            Map.entry("PUT /api/tenant/payment-methods", """
                    {"methods":["CARD"]}"""),
            // the sign-up pages' forms take form posts: a JSON body is refused unread (415)
            Map.entry("POST /signup", "{}"),
            // billing: closing a tenant (the matrix's tenant id is no tenant's)
            Map.entry("POST /api/platform/tenants/{tenantId}/closure", """
                    {"reason":"matrix"}"""),
            // billing: an unknown plan, refused before Stripe is asked
            Map.entry("POST /api/tenant/billing/checkout-sessions", """
                    {"plan":"no-such-plan"}"""),
            Map.entry("POST /api/platform/tenants/{tenantId}/suspension", """
                    {"reason":"matrix"}"""),
            Map.entry("POST /api/platform/tenants/{tenantId}/resumption", """
                    {"reason":"matrix"}"""),
            Map.entry("POST /signup/verify", "{}"),
            Map.entry("POST /api/tenant/clients", """
                    {"name":"Matrix {new}","kind":"GATEWAY"}"""),
            // people (issue 16): an invitation mails a link; an acceptance with a link that is none is refused
            Map.entry("POST /api/tenant/people", """
                    {"name":"Matrix {new}","email":"matrix-{new}@example.com","roles":["FINANCE"]}"""),
            Map.entry("PUT /api/tenant/people/{personId}/roles", """
                    {"roles":["AUDITOR"],"properties":[]}"""),
            Map.entry("POST /api/invitations/acceptance", """
                    {"token":"{accountId}.not-a-link","password":"short"}"""),
            Map.entry("POST /invitation", "{}"),
            // operators: an invitation mails a link; a tenant person's id is no operator's (404); a link that is none
            Map.entry("POST /api/platform/operators", """
                    {"name":"Matrix {new}","email":"matrix-operator-{new}@example.com"}"""),
            Map.entry("POST /api/invitations/operator-acceptance", """
                    {"token":"not-a-link","password":"short"}"""),
            Map.entry("POST /invitation/operator", "{}"),
            // reset: a malformed address is refused (naming the field); a link that is none is refused
            Map.entry("POST /api/password-reset", """
                    {"email":"not-an-address"}"""),
            Map.entry("POST /api/password-reset/completion", """
                    {"token":"not-a-link","password":"short"}"""),
            Map.entry("POST /password-reset", "{}"),
            Map.entry("POST /password-reset/new", "{}"),
            // export: a tenant's own closure; the confirmation names no tenant, so it stops at 400, closing nothing
            Map.entry("POST /api/tenant/closure", """
                    {"confirmTenantId":"{new}","reason":"matrix"}"""),
            Map.entry("POST /api/signups/verification", """
                    {"token":"{accountId}.not-a-link","password":"short"}"""),
            Map.entry("POST /api/exports", """
                    {"report":"property-period","format":"XLSX","propertyId":"{propertyId}","from":"{monthAgo}",
                     "to":"{now}"}"""),
            Map.entry("POST /pay/{accountId}/checkout-sessions", """
                    {"amountMinor":2500}"""),
            Map.entry("PUT /api/payments/settings", """
                    {"basisPoints":0,"fixedMinor":0}"""),
            Map.entry("POST /api/payments/reconciliation/runs", """
                    {"date":"2026-01-01"}"""),
            // stops at 422 (no contact, a revoked link, no mail server in tests): never 401/403 for the own tenant
            Map.entry("POST /api/payment-links/{linkId}/send", """
                    {"channel":"EMAIL"}"""),
            Map.entry("POST /api/accounts/{accountId}/offline-payments", """
                    {"receiptNumber":"{new}","amountMinor":100,"currency":"EUR","method":"CASH"}"""),
            // alerts inbox (issue 18): an unknown alert answers 404 to everyone; the alert settings are the standard
            // ones tenant-a has, so they stay as its tests expect
            Map.entry("POST /api/alerts/{alertId}/acknowledgement", """
                    {"note":"matrix"}"""),
            Map.entry("PUT /api/tenant/settings/alerts", """
                    {"meterNotReadHours":24,"rejectedReadings":3,"rejectedWindowHours":24,"zeroBalanceHours":24,
                     "arrearsAboveMinor":50000,"consumptionDropPercent":30,"lineLossPercent":10,"notifyStaff":false}"""),
            // access: a machine client's token names no person: no second factor to remove, refused by its rule
            Map.entry("POST /api/me/second-factor-removal", """
                    {"password":"matrix","code":"000000"}"""),
            // access: the second-factor requirement as tenant-a has it (none): its people keep signing in as before
            Map.entry("PUT /api/tenant/settings/second-factor", """
                    {"requiredForAdministratorsAndFinance":false}"""),
            // channels: tenant-a's standard channels again; the SMS sender name refused by its rule in the handler
            Map.entry("PUT /api/tenant/settings/notification-channels", """
                    {"occupantChannels":["EMAIL","SMS"],"staffAlertAddress":null}"""),
            Map.entry("PUT /api/tenant/settings/sms-sender", """
                    {"senderName":""}"""),
            // meter hierarchies (issue 18, line loss): the fixture's meter as a master without sub-meters
            Map.entry("PUT /api/properties/{propertyId}/meter-hierarchy", """
                    {"masterMeterId":"{meterId}","subMeterIds":[]}"""));

    /** Query strings an endpoint needs to get past validation to its authorization and tenant checks. */
    static final Map<String, String> QUERIES = Map.ofEntries(
            // an address no one has: the operator's search answers 404
            Map.entry("GET /api/platform/staff", "?email=matrix-{new}@example.com"),
            Map.entry("GET /api/audit/accounts/{accountId}/balance", "?at={now}"),
            Map.entry("GET /api/reports/accounts/{accountId}/period", "?from={monthAgo}&to={now}"),
            Map.entry("GET /api/reports/accounts/{accountId}/period.csv", "?from={monthAgo}&to={now}"),
            Map.entry("GET /api/reports/properties/{propertyId}/period", "?from={monthAgo}&to={now}"),
            Map.entry("GET /api/reports/properties/{propertyId}/period.csv", "?from={monthAgo}&to={now}"),
            Map.entry("GET /api/meters/{meterId}/consumption/daily", "?from={dayMonthAgo}&to={today}"),
            Map.entry("GET /api/properties/{propertyId}/consumption/daily", "?from={dayMonthAgo}&to={today}"),
            Map.entry("GET /api/payments/reconciliation", "?date=2026-01-01"),
            Map.entry("GET /api/payments/reconciliation/export", "?date=2026-01-01"),
            Map.entry("GET /api/reports/properties/{propertyId}/period.xlsx", "?from={monthAgo}&to={now}"),
            Map.entry("GET /api/properties/{propertyId}/dashboard/stream", "?lifetime=PT0.3S"),
            Map.entry("GET /api/dashboard/head-office", "?month=2026-01"),
            // lists and search (issue 18): another tenant's ids as filters and search text find nothing of it
            Map.entry("GET /api/accounts", "?property={propertyId}&sort=-balance"),
            Map.entry("GET /api/meters", "?property={propertyId}"),
            Map.entry("GET /api/units", "?property={propertyId}"),
            Map.entry("GET /api/gateways", "?property={propertyId}"),
            Map.entry("GET /api/search", "?q={accountId}"),
            // adjustment approval queue (walk): another tenant's property as a filter finds nothing of it
            Map.entry("GET /api/adjustments", "?property={propertyId}&state=PENDING"),
            // tariffs: the whole list, newest first, holds nothing of another tenant's tariffs
            Map.entry("GET /api/tariffs", "?sort=-createdAt&size=200"));

    /** Framework handlers that are not ours and carry no tenant data. */
    private static final List<String> FRAMEWORK = List.of("org.springframework.boot.autoconfigure.web.servlet.error.",
            "org.springdoc.");

    private static final AtomicInteger REGISTER = new AtomicInteger(2000);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Fixture a;
    private Fixture b;

    record Endpoint(String method, String pattern, HandlerMethod handler) {
        String key() {
            return method + " " + pattern;
        }

        boolean hasBody() {
            return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        }
    }

    @BeforeEach
    void twoTenantsWithData() {
        a = Fixture.of("a", port);
        b = Fixture.of("b", port);
        searchIndexHolds(b);
    }

    /** Tenant B's events are in the search index (audit trail) before the matrix looks for them in A's answers. */
    private void searchIndexHolds(Fixture tenant) {
        Api admin = new Api("http://localhost:" + port,
                RoleTokens.of(RoleTokens.clientOf(tenant.letter(), TENANT_ADMIN), port));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/audit/events?q=\"" + tenant.marker()
                + "-receipt\"").body().path("total").asLong() > 0);
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!EndpointRules.isOurs(handler)) {
                assertThat(FRAMEWORK).as("a handler that is neither ours nor known framework: " + handler)
                        .anyMatch(prefix -> handler.getBeanType().getName().startsWith(prefix));
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as(handler + " must name its HTTP method").isNotEmpty();
            for (var method : info.getMethodsCondition().getMethods()) {
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    endpoints.add(new Endpoint(method.name(), pattern, handler));
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyEndpointHasAnAuthorizationRuleAndAnEntryInThePolicy() {
        List<String> withoutRule = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        for (Endpoint endpoint : endpoints()) {
            found.add(endpoint.key());
            if (EndpointRules.ruleOf(endpoint.handler()).isEmpty()) {
                withoutRule.add(endpoint.key() + " -> " + endpoint.handler());
            }
            if (endpoint.hasBody()) {
                assertThat(BODIES).as("the matrix needs a sample body for " + endpoint.key()).containsKey(endpoint.key());
            }
        }
        assertThat(withoutRule).as("endpoints without @PreAuthorize or @PublicEndpoint").isEmpty();
        // the web UI's session pages have their own policy and matrix (UiIsolationTest)
        Set<String> policies = new TreeSet<>(POLICY.keySet());
        policies.addAll(UiIsolationTest.UI_POLICY.keySet());
        assertThat(found).as("endpoints missing from the POLICY table of this test").isSubsetOf(policies);
        assertThat(policies).as("POLICY entries for endpoints that no longer exist").isSubsetOf(found);
    }

    @Test
    void everyRoleOnEveryEndpointWithOwnAndForeignIds() throws Exception {
        Map<String, String> before = footprintOf(b);
        List<String> violations = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : endpoints()) {
            Set<String> allowed = POLICY.getOrDefault(endpoint.key(), Set.of());
            boolean usesIds = Fixture.VARIABLE.matcher(endpoint.pattern()).find()
                    || BODIES.getOrDefault(endpoint.key(), "").matches("(?s).*\\{(unitId|meterId|accountId|propertyId|linkId)}.*");
            List<String> callers = new ArrayList<>(List.of("anonymous", PLATFORM_ADMIN));
            callers.addAll(new TreeSet<>(TENANT_ROLES));
            for (String role : callers) {
                String token = role.equals("anonymous") ? null : RoleTokens.of(RoleTokens.clientOf("a", role), port);
                for (Fixture target : usesIds ? List.of(a, b) : List.of(a)) {
                    boolean foreign = target == b;
                    String path = fill(endpoint.pattern() + QUERIES.getOrDefault(endpoint.key(), ""), target);
                    String body = endpoint.hasBody() ? fill(BODIES.get(endpoint.key()), target) : null;
                    Http.Answer answer = Http.send(port, endpoint.method(), path, token, body);
                    requests++;
                    String what = "%s as %s on %s ids -> %d %s".formatted(endpoint.key(), role,
                            foreign ? "foreign" : "own", answer.status(), Http.abbreviate(answer.body()));
                    int status = answer.status();
                    if (answer.body().contains(b.marker()) || answer.body().contains(Long.toString(b.credit()))
                            || answer.body().contains(b.linkToken())) {
                        violations.add("LEAK: " + what);
                    }
                    if (status >= 500) {
                        violations.add("server error: " + what);
                    } else if (UiIsolationTest.isUi(endpoint.pattern())) {
                        // a bearer token never opens a session page: sent to sign in (at the loopback address the
                        // local issuer needs) or, for a form post without a CSRF token, refused
                        boolean signedOutNotice = UiIsolationTest.UI_POLICY.get(endpoint.key())
                                .contains(UiIsolationTest.PUBLIC);
                        String location = String.valueOf(answer.header("Location"));
                        expect(violations, what, signedOutNotice ? status == 200 || status == 302 : status == 302
                                && (location.endsWith(WebLoginConfiguration.SIGN_IN)
                                || location.equals("http://127.0.0.1:" + port + path))
                                || endpoint.method().equals("POST") && status == 403);
                    } else if (allowed.contains(STATIC)) {
                        expect(violations, what, status == 200);
                    } else if (allowed.contains(LOGIN_STEP)) {
                        expect(violations, what, status == 403);
                    } else if (allowed.contains(SIGN_UP)) {
                        expect(violations, what, (status == 400 || status == 415 || status == 422)
                                && answer.isProblem());
                    } else if (allowed.contains(PUBLIC)) {
                        // without a payment-link token the public door opens for nobody, bearer or not
                        expect(violations, what, status == 401 && answer.isProblem());
                    } else if (token == null) {
                        expect(violations, what, status == 401 && answer.isProblem());
                    } else if (!allowed.contains(role)) {
                        expect(violations, what, (status == 403 || (foreign && status == 404)) && answer.isProblem());
                    } else if (endpoint.key().equals(OPERATOR_RESETS_STAFF)) {
                        // the operator serves every tenant: either tenant's person, who has no second factor, is
                        // refused alike and nothing changes
                        expect(violations, what, status == 422 && answer.isProblem());
                    } else if (foreign && BATCHES.contains(endpoint.key())) {
                        expect(violations, what, (status == 200 && answer.body().contains("NOT_FOUND")
                                && !answer.body().contains("DONE"))
                                || ((status == 404 || status == 403) && answer.isProblem()));
                    } else if (foreign) {
                        expect(violations, what, (status == 404 || status == 403) && answer.isProblem());
                    } else {
                        expect(violations, what, status != 401 && status != 403);
                    }
                }
            }
        }
        assertThat(violations).as("isolation matrix violations").isEmpty();
        assertThat(requests).isGreaterThan(100);
        assertThat(footprintOf(b)).as("tenant B's rows and events after the matrix").isEqualTo(before);
    }

    private static void expect(List<String> violations, String what, boolean ok) {
        if (!ok) {
            violations.add(what);
        }
    }

    private static String fill(String template, Fixture target) {
        return target.fill(template, name -> {
            return switch (name) {
                case "new" -> "mx-" + UUID.randomUUID().toString().substring(0, 12);
                case "now" -> Instant.now().toString();
                case "monthAgo" -> Instant.now().minus(Duration.ofDays(30)).toString();
                case "today" -> java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
                case "dayMonthAgo" -> java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).toString();
                case "register" -> Integer.toString(REGISTER.incrementAndGet());
                case "commandId", "adjustmentId" -> "mx-" + UUID.randomUUID().toString().substring(0, 12);
                // never a real projection: the matrix must not truncate the shared tables mid-run
                case "projection" -> "no-such-projection";
                // never a real queue: a retry would hand other tests' parked events back to their projection
                case "group" -> "no-such-group";
                case "letterId" -> "no-such-letter";
                // the fixtures register no gateway: the id answers 404 for own and foreign callers alike
                case "gatewayId" -> "no-such-gateway";
                // export jobs are per tenant and made on demand: an unknown id answers 404 to everyone
                case "exportId" -> "no-such-export";
                // a well-formed export job id that is no one's (and no import job): 404 to everyone
                case "jobId" -> "exp-" + UUID.randomUUID();
                case "receiptNumber" -> "no-such-receipt";
                case "sequence" -> "1";
                case "deliveryId" -> "0";
                // alerts are opened by the evaluator's passes, which the matrix does not run: unknown to everyone
                case "alertId" -> "no-such-alert";
                // the matrix never suspends a real tenant: an unknown one answers 404 to the operator
                case "tenantId" -> "no-such-tenant";
                case "unsubscribeToken" -> "no-such-unsubscribe-token";
                // the fixtures remember no phone: an unknown one answers 404 to own and foreign callers alike
                case "deviceId" -> "rd-no-such-device";
                default -> null;
            };
        });
    }

    /** Row counts and content hashes of tenant B's rows in every tenant table, plus B's aggregates' events. */
    private static Map<String, String> footprintOf(Fixture tenant) throws Exception {
        Map<String, String> footprint = new LinkedHashMap<>();
        try (Connection owner = Owner.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = owner.createStatement().executeQuery("""
                    select table_name from information_schema.columns
                    where table_schema = current_schema() and column_name = 'tenant_id' order by 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement statement = owner.prepareStatement(
                        "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "
                                + table + " t where tenant_id = ?")) {
                    statement.setString(1, tenant.tenant());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        footprint.put(table, rs.getLong(1) + ":" + rs.getString(2));
                    }
                }
            }
            try (PreparedStatement statement = owner.prepareStatement("""
                    select count(*) from domain_event_entry where aggregate_identifier in (?, ?)""")) {
                statement.setString(1, tenant.accountId());
                statement.setString(2, tenant.meterId());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    footprint.put("events", Long.toString(rs.getLong(1)));
                }
            }
        }
        return footprint;
    }
}
