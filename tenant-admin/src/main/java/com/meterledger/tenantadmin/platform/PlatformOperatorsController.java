package com.meterledger.tenantadmin.platform;

import com.meterledger.api.shared.Actor;
import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The platform's operators, for the operators themselves: list them with their latest changes, invite one by e-mail
 * (a single-use link that expires), deactivate one (their sessions and tokens end at once; never the last active
 * one), remove one's second factor. The invitee accepts through {@code /api/invitations/operator-acceptance} (or the page the mail links to) with
 * the mailed link as the credential. A tenant's people, whatever their role, get 403 here.
 */
@RestController
@Tag(name = "Platform", description = "The platform operator's console")
public class PlatformOperatorsController {
    private final PlatformPeople operators;

    public PlatformOperatorsController(PlatformPeople operators) {
        this.operators = operators;
    }

    public record Acceptance(String token, String password) {
    }

    public record Accepted(String personId) {
    }

    /** The operator acting: their principal ({@code platform:<id>}, or a configured operator's name). */
    public static String actor() {
        return Caller.actor().map(Actor::id)
                .orElseThrow(() -> new AccessDeniedException("an operator's change needs an operator"));
    }

    @GetMapping("/api/platform/operators")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "The platform's operators: invited, active and deactivated")
    public List<PlatformPeople.OperatorView> list() {
        return operators.list();
    }

    @GetMapping("/api/platform/operators/changes")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "The operators' latest changes (made, invited, accepted, locked out, deactivated) and who made them")
    public List<PlatformPeople.Change> changes(@RequestParam(defaultValue = "100") int limit) {
        return operators.history(limit);
    }

    @PostMapping("/api/platform/operators")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite an operator by e-mail (a single-use link that expires)")
    public PlatformPeople.Invited invite(@RequestBody PlatformPeople.NewOperator request) {
        return operators.invite(request, actor(), LocaleContextHolder.getLocale());
    }

    @PostMapping("/api/platform/operators/{personId}/deactivation")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "Deactivate an operator: no sign-in, and their sessions and tokens end at once")
    public PlatformPeople.OperatorView deactivate(@PathVariable String personId) {
        return operators.deactivate(personId, actor());
    }

    @PostMapping("/api/platform/operators/{personId}/second-factor-removal")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @Operation(summary = "Remove an operator's second factor (a lost phone): their sessions and tokens end, and their "
            + "next sign-in enrols a new one")
    public PlatformPeople.OperatorView removeSecondFactor(@PathVariable String personId) {
        return operators.removeSecondFactor(personId, actor());
    }

    // permitAll: the mailed single-use link is the credential
    @PostMapping("/api/invitations/operator-acceptance")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Accept an operator's invitation with the mailed link's token and choose a password")
    public Accepted accept(@RequestBody Acceptance acceptance) {
        return new Accepted(operators.accept(acceptance.token(), acceptance.password()).personId());
    }
}
