package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.PeopleController;
import com.meterledger.tenantadmin.people.StaffGrants;
import com.meterledger.ui.i18n.PageTexts;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * The tenant's people as pages, for its administrators: the list with the invitation form, one person's roles and
 * property scope, deactivation and reactivation, the reset of a lost second factor. Each form calls {@link People}, the bean {@code /api/tenant/people}
 * calls, with the same rules; a refusal shows the rule in the reader's words and the field it names.
 */
@Controller
public class PeopleUiController {
    private static final List<String> ROLES = StaffGrants.PERSON_ROLES.stream().sorted().toList();

    private final People people;
    private final PageTexts texts;

    public PeopleUiController(People people, PageTexts texts) {
        this.people = people;
        this.texts = texts;
    }

    /** The invitation and role forms as a person fills them in (unticked boxes are absent). */
    public record PersonForm(String name, String email, List<String> roles, List<String> properties) {
        static PersonForm empty() {
            return new PersonForm("", "", List.of(), List.of());
        }

        public PersonForm {
            roles = roles == null ? List.of() : roles;
            properties = properties == null ? List.of() : properties;
        }
    }

    @GetMapping("/ui/people")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String list(TenantId tenant, Model model) {
        return listPage(tenant, model, PersonForm.empty());
    }

    @PostMapping("/ui/people")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String invite(TenantId tenant, @ModelAttribute PersonForm form, Model model,
                         HttpServletResponse response) {
        try {
            People.Invited invited = people.invite(tenant, new People.NewPerson(form.name(), form.email(),
                    form.roles(), form.properties()), PeopleController.granter());
            model.addAttribute("invited", invited.person().email());
            return listPage(tenant, model, PersonForm.empty());
        } catch (FieldRejected e) {
            refused(model, e.field(), texts.rule(e), response);
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e), response);
        }
        return listPage(tenant, model, form);
    }

    @GetMapping("/ui/people/{personId}")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String person(TenantId tenant, @PathVariable String personId, Model model) {
        People.PersonView person = people.get(tenant, personId);
        return personPage(tenant, model, person, new PersonForm(person.name(), person.email(), person.roles(),
                person.properties()));
    }

    @PostMapping("/ui/people/{personId}/roles")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String changeRoles(TenantId tenant, @PathVariable String personId, @ModelAttribute PersonForm form,
                              Model model, HttpServletResponse response) {
        People.PersonView person = people.get(tenant, personId);
        try {
            person = people.changeRoles(tenant, personId, new People.RolesChange(form.roles(), form.properties()),
                    PeopleController.granter());
            model.addAttribute("saved", true);
            return personPage(tenant, model, person, new PersonForm(person.name(), person.email(), person.roles(),
                    person.properties()));
        } catch (FieldRejected e) {
            refused(model, e.field(), texts.rule(e), response);
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e), response);
        }
        return personPage(tenant, model, person, form);
    }

    @PostMapping("/ui/people/{personId}/deactivation")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String deactivate(TenantId tenant, @PathVariable String personId, Model model,
                             HttpServletResponse response) {
        People.PersonView person = people.get(tenant, personId);
        try {
            person = people.deactivate(tenant, personId);
            model.addAttribute("saved", true);
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e), response);
        }
        return personPage(tenant, model, person, new PersonForm(person.name(), person.email(), person.roles(),
                person.properties()));
    }

    @PostMapping("/ui/people/{personId}/second-factor-removal")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String resetSecondFactor(TenantId tenant, @PathVariable String personId, Model model,
                                    HttpServletResponse response) {
        People.PersonView person = people.get(tenant, personId);
        try {
            person = people.resetSecondFactor(tenant, personId, PeopleController.actor());
            model.addAttribute("secondFactorReset", true);
        } catch (RuleViolation e) {
            refused(model, null, texts.rule(e), response);
        }
        return personPage(tenant, model, person, new PersonForm(person.name(), person.email(), person.roles(),
                person.properties()));
    }

    @PostMapping("/ui/people/{personId}/reactivation")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String reactivate(TenantId tenant, @PathVariable String personId, Model model) {
        People.PersonView person = people.reactivate(tenant, personId);
        model.addAttribute("saved", true);
        return personPage(tenant, model, person, new PersonForm(person.name(), person.email(), person.roles(),
                person.properties()));
    }

    private String listPage(TenantId tenant, Model model, PersonForm form) {
        model.addAttribute("people", people.list(tenant));
        model.addAttribute("form", form);
        model.addAttribute("roles", ROLES);
        model.addAttribute("properties", people.propertiesOf(tenant).stream().sorted().toList());
        return "ui/people";
    }

    private String personPage(TenantId tenant, Model model, People.PersonView person, PersonForm form) {
        model.addAttribute("person", person);
        model.addAttribute("form", form);
        model.addAttribute("roles", ROLES);
        model.addAttribute("properties", people.propertiesOf(tenant).stream().sorted().toList());
        return "ui/person";
    }

    private static void refused(Model model, String field, String reason, HttpServletResponse response) {
        model.addAttribute("errorField", field);
        model.addAttribute("error", reason);
        response.setStatus(field == null ? HttpStatus.UNPROCESSABLE_ENTITY.value() : HttpStatus.BAD_REQUEST.value());
    }
}
