package com.meterledger.tenantadmin.people;

import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The tenant's people, for its administrators: invite by e-mail, list, read, change roles and property scope,
 * deactivate and reactivate, reset a lost second factor. The invitee accepts through {@code /api/invitations/acceptance} (or the page the mail
 * links to) with the mailed link as the credential.
 */
@RestController
@Tag(name = "People", description = "A tenant's staff: invitations, roles, property scopes, deactivation")
public class PeopleController {
    private final People people;
    private final Invitations invitations;

    public PeopleController(People people, Invitations invitations) {
        this.people = people;
        this.invitations = invitations;
    }

    public record Acceptance(String token, String password) {
    }

    public record Accepted(String tenantId, boolean chosePassword) {
    }

    /** The caller's own roles and properties: no one grants more than they hold. */
    public static StaffGrants.Granter granter() {
        return new StaffGrants.Granter(Roles.ALL.stream().filter(Caller::hasRole).toList(), Caller.properties());
    }

    @PostMapping("/api/tenant/people")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a person by e-mail (a single-use link that expires)")
    public People.Invited invite(@Parameter(hidden = true) TenantId tenant, @RequestBody People.NewPerson request) {
        return people.invite(tenant, request, granter());
    }

    @GetMapping("/api/tenant/people")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "The tenant's people: invited, active and deactivated")
    public List<People.PersonView> list(@Parameter(hidden = true) TenantId tenant) {
        return people.list(tenant);
    }

    @GetMapping("/api/tenant/people/{personId}")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "One person of the tenant")
    public People.PersonView get(@Parameter(hidden = true) TenantId tenant, @PathVariable String personId) {
        return people.get(tenant, personId);
    }

    @PutMapping("/api/tenant/people/{personId}/roles")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Change a person's roles and property scope")
    public People.PersonView changeRoles(@Parameter(hidden = true) TenantId tenant, @PathVariable String personId,
                                         @RequestBody People.RolesChange change) {
        return people.changeRoles(tenant, personId, change, granter());
    }

    @PostMapping("/api/tenant/people/{personId}/deactivation")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Deactivate a person: no sign-in, and their sessions and refresh tokens end at once")
    public People.PersonView deactivate(@Parameter(hidden = true) TenantId tenant, @PathVariable String personId) {
        return people.deactivate(tenant, personId);
    }

    @PostMapping("/api/tenant/people/{personId}/reactivation")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Reactivate a deactivated person with the roles they held")
    public People.PersonView reactivate(@Parameter(hidden = true) TenantId tenant, @PathVariable String personId) {
        return people.reactivate(tenant, personId);
    }

    @PostMapping("/api/tenant/people/{personId}/second-factor-removal")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Reset a person's second factor (a lost phone): their sessions and refresh tokens end, and "
            + "where the tenant requires one their next sign-in enrols a new one. Your own you remove yourself "
            + "(/api/me/second-factor-removal)")
    public People.PersonView resetSecondFactor(@Parameter(hidden = true) TenantId tenant,
                                               @PathVariable String personId) {
        return people.resetSecondFactor(tenant, personId, actor());
    }

    /** Who acts, as events name actors: the caller's principal. */
    public static String actor() {
        return Caller.actor().map(Actor::id)
                .orElseThrow(() -> new AccessDeniedException("a reset needs an authenticated caller"));
    }

    // permitAll: the mailed single-use link is the credential
    @PostMapping("/api/invitations/acceptance")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Accept an invitation with the mailed link's token (a new person chooses a password)")
    public Accepted accept(@RequestBody Acceptance acceptance) {
        InvitationLinks.Accepted accepted = invitations.accept(acceptance.token(), acceptance.password());
        return new Accepted(accepted.tenant().value(), accepted.chosePassword());
    }
}
