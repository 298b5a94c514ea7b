package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.StaffRules;
import com.meterledger.tenantadmin.people.SecondFactorRemovalRule.Requirement;
import com.meterledger.tenantadmin.people.SecondFactors.Holder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in person removes their own second factor (issue 16: to move it to a new phone, then enrol again), from the
 * API ({@code POST /api/me/second-factor-removal}) and their second-factor page alike; a platform operator likewise,
 * into their own row. The current password and the app's current code confirm it, and {@link SecondFactorRemovalRule}
 * judges: refused while a tenant of theirs requires one for a role they hold there, or the platform requires one of
 * its operators. A wrong password or code counts towards the lockout as at sign-in ({@link SignInGuard}); the count is
 * kept even though the request is refused, so this is not one transaction: only the removal itself is. The removal is
 * an event with the person as actor and never the key: {@code SecondFactorRemoved} in each of the person's tenants,
 * {@code PlatformSecondFactorRemoved} for an operator. Their sessions go on: nothing requires a second factor of them.
 * A wrong password or code that locks a person out ends their sessions and tokens at once
 * ({@link SignInGuard#failedWhileSignedIn}): the attempt is refused with {@code second-factor-removal-signed-out}.
 */
@Service
public class SecondFactorRemovals {
    private static final Logger log = LoggerFactory.getLogger(SecondFactorRemovals.class);
    /** The issuer's delegating encoder reads every stored hash (it names its algorithm). */
    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final SecondFactors secondFactors;
    private final StaffDirectory staff;
    private final SignInGuard guard;
    private final SignInSteps steps;
    private final OperatorSignIns operators;

    public SecondFactorRemovals(SecondFactors secondFactors, StaffDirectory staff, SignInGuard guard,
                                SignInSteps steps, OperatorSignIns operators) {
        this.secondFactors = secondFactors;
        this.staff = staff;
        this.guard = guard;
        this.steps = steps;
        this.operators = operators;
    }

    /** Whose second factor a principal names: a tenant's person or an operator; a machine client has none. */
    private record Holding(Holder kind, UUID id) {
    }

    private static Optional<Holding> holding(String principal) {
        return SignInSteps.personOf(principal).map(person -> new Holding(Holder.STAFF, person))
                .or(() -> OperatorSignIns.operatorOf(principal).map(operator -> new Holding(Holder.OPERATOR, operator)));
    }

    /** Who requires a second factor of the person a principal names, as it is now (the page says so). */
    public Requirement requirementOf(String principal) {
        return holding(principal).map(this::requirement).orElse(Requirement.NONE);
    }

    private Requirement requirement(Holding holding) {
        if (holding.kind() == Holder.OPERATOR) {
            return steps.requiredOfOperators() ? Requirement.PLATFORM : Requirement.NONE;
        }
        return staff.byId(holding.id()).filter(steps::requiredByATenant).isPresent()
                ? Requirement.TENANT : Requirement.NONE;
    }

    /**
     * Removes the caller's own second factor once their current password and code confirm it.
     *
     * @param principal the signed-in caller's principal ({@code person:<id>[@<tenant>]}, {@code platform:<id>})
     * @throws FieldRejected a password or code missing ({@code password}, {@code code}), or wrong (counted)
     * @throws RuleViolation nothing to remove, required by a tenant or the platform, locked out: nothing changes; or
     *                       this wrong attempt locked the person out and ended their access
     */
    public void removeOwn(String principal, String password, String code) {
        if (password == null || password.isEmpty()) {
            throw new FieldRejected("password", StaffRules.SECOND_FACTOR_REMOVAL_PASSWORD_WRONG,
                    "Type your current password.");
        }
        if (code == null || code.isBlank()) {
            throw new FieldRejected("code", StaffRules.SECOND_FACTOR_REMOVAL_CODE_WRONG,
                    "Type the code your app shows now.");
        }
        Optional<Holding> holding = holding(principal);
        boolean enrolled = holding.filter(h -> secondFactors.enrolled(h.kind(), h.id())).isPresent();
        SecondFactorRemovalRule.Verdict verdict = SecondFactorRemovalRule.judge(enrolled,
                enrolled ? requirement(holding.get()) : Requirement.NONE,
                enrolled && lockedOut(holding.get()),
                enrolled && passwordHash(holding.get()).filter(hash -> PASSWORDS.matches(password, hash)).isPresent(),
                enrolled && secondFactors.verify(holding.get().kind(), holding.get().id(), code.strip()));
        if (verdict instanceof SecondFactorRemovalRule.Refused refused) {
            if (refused.failedAttempt() && failed(holding.get())) {
                throw new RuleViolation(StaffRules.SECOND_FACTOR_REMOVAL_SIGNED_OUT, "That was one wrong password or "
                        + "code too many: you are signed out everywhere, and may sign in again in a few minutes.");
            }
            throw refused.field() == null ? new RuleViolation(refused.rule(), refused.reason())
                    : new FieldRejected(refused.field(), refused.rule(), refused.reason());
        }
        Holding who = holding.orElseThrow();
        boolean removed = who.kind() == Holder.OPERATOR ? operators.removeOwnSecondFactor(who.id())
                : secondFactors.remove(who.id(), "person:" + who.id());
        if (removed) {
            // both factors given: as a completed sign-in, the count of failures starts again
            if (who.kind() == Holder.OPERATOR) {
                operators.succeeded(who.id());
            } else {
                guard.succeeded(who.id());
            }
            log.info("{} removed their own second factor", principal);
        }
    }

    private boolean lockedOut(Holding holding) {
        return (holding.kind() == Holder.OPERATOR ? operators.lockedUntil(holding.id())
                : guard.lockedUntil(holding.id())).isPresent();
    }

    private Optional<String> passwordHash(Holding holding) {
        return holding.kind() == Holder.OPERATOR ? operators.passwordHashOf(holding.id())
                : staff.byId(holding.id()).map(StaffDirectory.StaffPerson::passwordHash);
    }

    /** @return whether this failure locked a person out and ended their access (an operator's goes on) */
    private boolean failed(Holding holding) {
        if (holding.kind() == Holder.OPERATOR) {
            operators.failed(holding.id());
            return false;
        }
        return guard.failedWhileSignedIn(holding.id()).isPresent();
    }
}
