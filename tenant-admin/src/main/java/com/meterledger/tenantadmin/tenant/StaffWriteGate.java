package com.meterledger.tenantadmin.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantSummary;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant's status allows its staff: a tenant whose staff may not write ({@code SUSPENDED}, {@code CANCELLED},
 * ...) answers every change its people or API clients ask for with a 403 problem naming the rule, the reason and how to
 * get out of it; reading stays open, and so does billing (a suspended tenant's administrator must be able to pay).
 * Never its occupants or meters: gateway clients, payment links, webhooks and sign-up are not staff, so readings are charged, cut and restore rules run and occupants pay whatever the landlord's
 * subscription state.
 */
@Configuration(proxyBeanMethods = false)
public class StaffWriteGate implements WebMvcConfigurer {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> STAFF = Set.of(Roles.TENANT_ADMIN, Roles.PROPERTY_MANAGER, Roles.FINANCE,
            Roles.AUDITOR);
    private final TenantDirectory directory;
    private final ObjectMapper json;

    /** @param json the application's mapper, which writes a problem's properties as its own fields (RFC 7807) */
    public StaffWriteGate(TenantDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws IOException {
                Optional<TenantSummary> refused = refusedTenant(request);
                if (refused.isEmpty()) {
                    return true;
                }
                TenantSummary tenant = refused.get();
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "tenant "
                        + tenant.tenantId() + " is " + tenant.status() + (tenant.statusReason() == null ? ""
                        : " (" + tenant.statusReason() + ")") + ": its staff may read but not change anything. "
                        + "A tenant administrator can settle the subscription, or ask the platform's operator to "
                        + "resume the tenant." + causes(tenant));
                problem.setTitle("Tenant's staff writes suspended");
                problem.setInstance(URI.create(request.getRequestURI()));
                problem.setProperty("rule", TenantRules.STAFF_WRITES_SUSPENDED);
                problem.setProperty("status", tenant.status().name());
                directory.suspension(tenant.tenantId()).filter(TenantDirectory.Suspension::any).ifPresent(why -> {
                    problem.setProperty("suspendedByOperator", why.byOperator());
                    problem.setProperty("suspendedForUnpaidInvoice", why.forUnpaidInvoice());
                });
                response.setStatus(HttpStatus.FORBIDDEN.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), problem);
                return false;
            }
        }).excludePathPatterns("/api/signups", "/api/signups/**", "/signup", "/signup/**", "/pay/**",
                "/webhooks/**", "/gateway/**", "/oauth2/**", "/login", "/logout",
                // the way out of a suspension: the tenant administrator settles the subscription
                "/api/tenant/billing/**", "/ui/billing", "/ui/billing/**");
    }

    /** Which suspension holds the tenant, each with what lifts it (an operator's and billing's are apart). */
    private String causes(TenantSummary tenant) {
        return directory.suspension(tenant.tenantId()).map(why -> (why.byOperator()
                ? " Suspended by the platform's operator: only the operator resumes it." : "")
                + (why.forUnpaidInvoice() ? " Suspended for an unpaid invoice: paying it lifts that." : ""))
                .orElse("");
    }

    /** The caller's tenant when the caller is its staff, asks for a change and the tenant's status forbids it. */
    private Optional<TenantSummary> refusedTenant(HttpServletRequest request) {
        if (READS.contains(request.getMethod()) || STAFF.stream().noneMatch(Caller::hasRole)) {
            return Optional.empty();
        }
        Optional<String> tenant = Caller.current().map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM))
                .filter(value -> !value.isBlank());
        return tenant.flatMap(value -> directory.find(new TenantId(value)))
                .filter(summary -> !summary.status().staffMayWrite());
    }
}
