package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeSecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.edge.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * A tenant administrator requires (or stops requiring) a second factor of administrators and finance, from the API
 * and the settings page alike. Requiring it ends at once every session and token of a covered person without one
 * ({@link SignInSteps#mustEnrolBeforeActing}), so an administrator without one would end their own session with the
 * change: they set up their own second factor first ({@link #ENROL_FIRST}). A machine client names no person and is
 * not asked.
 */
@Service
public class SecondFactorRequirement {
    public static final String ENROL_FIRST = "second-factor-enrol-first";

    private final SecondFactors secondFactors;
    private final CommandGateway commands;

    public SecondFactorRequirement(SecondFactors secondFactors, CommandGateway commands) {
        this.secondFactors = secondFactors;
        this.commands = commands;
    }

    public void change(TenantId tenant, SecondFactorPolicy policy) {
        if (policy.requiredForAdministratorsAndFinance()) {
            Caller.actor().flatMap(actor -> SignInSteps.personOf(actor.id()))
                    .filter(person -> !secondFactors.enrolled(person))
                    .ifPresent(person -> {
                        throw new RuleViolation(ENROL_FIRST, "set up your own second factor before requiring one of "
                                + "administrators and finance: requiring it ends the sessions of those without one");
                    });
        }
        commands.sendAndWait(new ChangeSecondFactorPolicy(tenant, policy));
    }
}
