package com.meterledger.tenantadmin.people;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.people.SecondFactors.Holder;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.meterledger.tenantadmin.signup.MailedLinks.withoutCaller;

/**
 * The steps of a person's sign-in after the password: a person who works for several tenants picks one, and a person
 * with a second factor gives the code from their app. Until every step is done the person is not signed in: the
 * password's success is kept in the session as a {@link Pending} sign-in, never as an authentication, so no page
 * and no authorization code can be had with the password alone. The tenant picked becomes part of the principal
 * ({@code person:<id>@<tenant>}), which the issuer puts into the token; a person of one tenant keeps
 * {@code person:<id>}.
 *
 * <p>access: where the tenant picked requires a second factor of administrators and finance
 * ({@link SecondFactorPolicy}) and the person holds such a role there without one, the next step is enrolling one
 * ({@link #ENROL_STEP}): the page shows a new key, and only the first code from the app completes the sign-in. Until
 * then the person has no authentication, so no page of the web UI, no authorization code and no token.
 *
 * <p>A platform operator ({@code platform:<id>}, {@link OperatorSignIns}) goes through the same steps but the tenant's:
 * the code when they have a second factor, the enrolment when they have none and the platform requires one of every
 * operator ({@code meterledger.platform.second-factor-required}, on unless a deployment turns it off). A wrong code
 * counts towards the operator's lockout as a wrong password does.
 */
@Service
public class SignInSteps {
    public static final String PERSON_PREFIX = "person:";
    public static final String TENANT_STEP = "/login/tenant";
    public static final String CODE_STEP = "/login/code";
    public static final String ENROL_STEP = "/login/second-factor";
    static final String PENDING = SignInSteps.class.getName() + ".PENDING";
    /** The key offered at the enrolment step, kept in the session until the app's first code confirms it. */
    static final String OFFERED = SignInSteps.class.getName() + ".OFFERED";

    private final StaffDirectory staff;
    private final SecondFactors secondFactors;
    private final SignInGuard guard;
    private final TenantSecondFactorPolicy policies;
    private final OperatorSignIns operators;
    private final boolean operatorsMustEnrol;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    public SignInSteps(StaffDirectory staff, SecondFactors secondFactors, SignInGuard guard,
                       TenantSecondFactorPolicy policies, OperatorSignIns operators,
                       @Value("${meterledger.platform.second-factor-required:true}") boolean operatorsMustEnrol) {
        this.staff = staff;
        this.secondFactors = secondFactors;
        this.guard = guard;
        this.policies = policies;
        this.operators = operators;
        this.operatorsMustEnrol = operatorsMustEnrol;
    }

    /** What a code given at the second step did. */
    public enum CodeVerdict { ACCEPTED, WRONG, LOCKED_OUT }

    /**
     * A password accepted, steps still to go.
     *
     * @param mustEnrol the tenant picked (for an operator: the platform) requires a second factor of this person, who
     *                  has none yet
     * @param operator  a platform operator's sign-in: no tenant to pick
     */
    public record Pending(UUID person, List<String> tenants, String tenant, boolean needsCode, boolean codeGiven,
                          boolean mustEnrol, boolean operator) implements Serializable {
        Pending chosen(String tenant, boolean mustEnrol) {
            return new Pending(person, tenants, tenant, needsCode, codeGiven, mustEnrol, operator);
        }

        Pending coded() {
            return new Pending(person, tenants, tenant, needsCode, true, mustEnrol, operator);
        }

        Holder holder() {
            return operator ? Holder.OPERATOR : Holder.STAFF;
        }

        /** The next step's path, or empty when the person may be signed in. */
        public Optional<String> next() {
            if (tenant == null && !operator) {
                return Optional.of(TENANT_STEP);
            }
            if (codeGiven) {
                return Optional.empty();
            }
            return needsCode ? Optional.of(CODE_STEP) : mustEnrol ? Optional.of(ENROL_STEP) : Optional.empty();
        }
    }

    /**
     * After the password: the step to go to, with the password's success put aside; empty when nothing more is
     * asked (one tenant, no second factor), and the sign-in stands as it is.
     */
    public Optional<String> begin(HttpServletRequest request, HttpServletResponse response,
                                  Authentication password) {
        Optional<UUID> operator = OperatorSignIns.operatorOf(password.getName());
        if (operator.isPresent()) {
            return beginOperator(request, response, operator.get());
        }
        Optional<UUID> person = personOf(password.getName());
        if (person.isEmpty()) {
            return Optional.empty();
        }
        StaffDirectory.StaffPerson found = staff.byId(person.get()).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        List<String> tenants = found.signInTenants().stream().map(m -> m.tenant().value()).toList();
        boolean needsCode = secondFactors.enrolled(person.get());
        String only = tenants.size() == 1 ? tenants.getFirst() : null;
        boolean mustEnrol = only != null && mustEnrol(found, only, needsCode);
        if (tenants.size() <= 1 && !needsCode && !mustEnrol) {
            guard.succeeded(person.get());
            return Optional.empty();
        }
        return putAside(request, response, new Pending(person.get(), tenants, only, needsCode, false, mustEnrol,
                false));
    }

    /** An operator: the code when they have a second factor, else its enrolment when the platform requires one. */
    private Optional<String> beginOperator(HttpServletRequest request, HttpServletResponse response, UUID operator) {
        boolean needsCode = secondFactors.enrolled(Holder.OPERATOR, operator);
        if (!needsCode && !operatorsMustEnrol) {
            operators.succeeded(operator);
            return Optional.empty();
        }
        return putAside(request, response, new Pending(operator, List.of(), null, needsCode, false, !needsCode, true));
    }

    private Optional<String> putAside(HttpServletRequest request, HttpServletResponse response, Pending pending) {
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        request.getSession().setAttribute(PENDING, pending);
        return pending.next();
    }

    /**
     * Whether the platform, as it is now, wants a second factor this operator does not have: a session or token from
     * before the requirement (or before the key was gone) ends, and the next sign-in enrols one.
     */
    public boolean operatorMustEnrolBeforeActing(UUID operator) {
        return operatorsMustEnrol && !secondFactors.enrolled(Holder.OPERATOR, operator);
    }

    public Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable((Pending) session.getAttribute(PENDING));
    }

    /** @return whether the tenant is one of the person's */
    public boolean choose(HttpServletRequest request, String tenant) {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty() || pending.get().operator() || tenant == null
                || !pending.get().tenants().contains(tenant)) {
            return false;
        }
        boolean mustEnrol = staff.byId(pending.get().person())
                .map(person -> mustEnrol(person, tenant, pending.get().needsCode())).orElse(false);
        request.getSession().setAttribute(PENDING, pending.get().chosen(tenant, mustEnrol));
        return true;
    }

    /** Whether the tenant's policy sends this person, without a second factor, to enrol one first. */
    private boolean mustEnrol(StaffDirectory.StaffPerson person, String tenant, boolean enrolled) {
        return policies.policyOf(new TenantId(tenant)).judge(rolesIn(person, tenant), enrolled)
                == SecondFactorPolicy.Verdict.ENROL_FIRST;
    }

    /**
     * Whether the tenant's policy, as it is now, wants a second factor this person does not have: true for a session
     * or token from before an administrator required one, which then ends, so the person's next sign-in enrols one.
     * The key is looked up only when the policy covers the person's roles (most requests carry none of them).
     */
    public boolean mustEnrolBeforeActing(StaffDirectory.StaffPerson person, String tenant) {
        return policies.policyOf(new TenantId(tenant)).judge(rolesIn(person, tenant), false)
                == SecondFactorPolicy.Verdict.ENROL_FIRST && !secondFactors.enrolled(person.personId());
    }

    /**
     * Whether a tenant the person signs in to, as it is now, requires a second factor of a role they hold there: then
     * they may not remove their own ({@link SecondFactorRemovals}), since the key is one for all their tenants. Each
     * tenant's policy is read outside the caller's request, which is signed in to one of them at most: read inside
     * it, another tenant's policy was refused and the person of two tenants got 403.
     */
    public boolean requiredByATenant(StaffDirectory.StaffPerson person) {
        return withoutCaller(() -> person.signInTenants().stream().anyMatch(membership -> policies
                .policyOf(membership.tenant()).judge(membership.roles(), false)
                == SecondFactorPolicy.Verdict.ENROL_FIRST));
    }

    /** Whether the platform requires a second factor of every operator. */
    public boolean requiredOfOperators() {
        return operatorsMustEnrol;
    }

    private static List<String> rolesIn(StaffDirectory.StaffPerson person, String tenant) {
        return person.signInTenants().stream().filter(m -> m.tenant().value().equals(tenant))
                .findFirst().map(StaffDirectory.Membership::roles).orElse(List.of());
    }

    /** The key offered at the enrolment step, as text and as the address an authenticator app takes. */
    public record Offer(String key, String uri) {
    }

    /**
     * The key the enrolment step shows: one per pending sign-in, kept in the session (never stored before the app's
     * first code confirms it); empty when this session has no sign-in that must enrol.
     */
    public Optional<Offer> offer(HttpServletRequest request) {
        Optional<Pending> pending = pending(request).filter(p -> p.next().equals(Optional.of(ENROL_STEP)));
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        HttpSession session = request.getSession();
        if (session.getAttribute(OFFERED) == null) {
            session.setAttribute(OFFERED, Totp.newSecret());
        }
        String key = (String) session.getAttribute(OFFERED);
        String account = pending.get().operator()
                ? operators.activeName(pending.get().person()).orElse("operator")
                : staff.byId(pending.get().person()).map(StaffDirectory.StaffPerson::name)
                .orElse(pending.get().tenant());
        return Optional.of(new Offer(key, Totp.uri("MeterLedger", account, key)));
    }

    /**
     * The enrolment step: the first code from the app keeps the offered key as the person's second factor
     * ({@link SecondFactors#enrol}, an event in each of their tenants) and counts as the code of this sign-in. A
     * person who enrolled meanwhile in another sign-in is refused and must sign in again with the code: the password
     * alone never replaces a key.
     *
     * @return whether the code matched the offered key
     */
    public boolean enrol(HttpServletRequest request, String code) {
        Optional<Pending> pending = pending(request).filter(p -> p.next().equals(Optional.of(ENROL_STEP)));
        HttpSession session = request.getSession(false);
        if (pending.isEmpty() || session == null) {
            return false;
        }
        if (secondFactors.enrolled(pending.get().holder(), pending.get().person())) {
            // enrolled meanwhile (another sign-in): a password never replaces a key; sign in again and give its code
            session.removeAttribute(PENDING);
            session.removeAttribute(OFFERED);
            return false;
        }
        String offered = (String) session.getAttribute(OFFERED);
        UUID person = pending.get().person();
        if (!(pending.get().operator()
                ? operators.enrolSecondFactor(person, offered, code, OperatorSignIns.PREFIX + person)
                : secondFactors.enrol(person, offered, code))) {
            return false;
        }
        session.removeAttribute(OFFERED);
        session.setAttribute(PENDING, pending.get().coded());
        return true;
    }

    /**
     * A wrong code counts towards the lockout like a wrong password ({@link SignInGuard}); at the lockout the
     * pending sign-in is dropped, and the password must be given again once the lockout ends.
     */
    public CodeVerdict giveCode(HttpServletRequest request, String code) {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty()) {
            return CodeVerdict.WRONG;
        }
        UUID person = pending.get().person();
        if (!secondFactors.verify(pending.get().holder(), person, code)) {
            if ((pending.get().operator() ? operators.failed(person) : guard.failed(person)).isPresent()) {
                request.getSession().removeAttribute(PENDING);
                return CodeVerdict.LOCKED_OUT;
            }
            return CodeVerdict.WRONG;
        }
        request.getSession().setAttribute(PENDING, pending.get().coded());
        return CodeVerdict.ACCEPTED;
    }

    /**
     * Every step done: the person is signed in (a new session id), and sent on to where the sign-in began (the
     * issuer's authorization request), else to the web UI.
     */
    public void complete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pending pending = pending(request).filter(p -> p.next().isEmpty()).orElseThrow(
                () -> new IllegalStateException("sign-in steps are not done"));
        if (pending.operator()) {
            List<SimpleGrantedAuthority> roles = List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PLATFORM_ADMIN));
            operators.succeeded(pending.person());
            signIn(request, response, UsernamePasswordAuthenticationToken.authenticated(User.withUsername(
                    OperatorSignIns.PREFIX + pending.person()).password("").authorities(roles).build(), null, roles));
            return;
        }
        StaffDirectory.StaffPerson person = staff.byId(pending.person()).orElseThrow();
        StaffDirectory.Membership membership = person.signInTenants().stream()
                .filter(m -> m.tenant().value().equals(pending.tenant())).findFirst().orElseThrow();
        String name = PERSON_PREFIX + pending.person() + (pending.tenants().size() > 1 ? "@" + pending.tenant() : "");
        List<SimpleGrantedAuthority> roles = membership.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(
                User.withUsername(name).password("").authorities(roles).build(), null, roles);
        guard.succeeded(pending.person());
        signIn(request, response, signedIn);
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
            throws IOException {
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        SavedRequest saved = savedRequests.getRequest(request, response);
        response.sendRedirect(saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/ui");
    }

    /** The person a principal names ({@code person:<id>} or {@code person:<id>@<tenant>}). */
    public static Optional<UUID> personOf(String principal) {
        if (principal == null || !principal.startsWith(PERSON_PREFIX)) {
            return Optional.empty();
        }
        String rest = principal.substring(PERSON_PREFIX.length());
        int at = rest.indexOf('@');
        try {
            return Optional.of(UUID.fromString(at < 0 ? rest : rest.substring(0, at)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The tenant a principal picked at sign-in, if it names one. */
    public static Optional<String> tenantOf(String principal) {
        int at = principal == null ? -1 : principal.indexOf('@');
        return principal != null && principal.startsWith(PERSON_PREFIX) && at > 0
                ? Optional.of(principal.substring(at + 1)) : Optional.empty();
    }
}
