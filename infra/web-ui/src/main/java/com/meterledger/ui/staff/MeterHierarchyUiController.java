package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.FieldRuleViolation;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.registry.FindMeterHierarchies;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.registry.MeterHierarchies;
import com.meterledger.ui.i18n.PageTexts;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;
import java.util.List;

/**
 * Master and sub-meters per property as a page (the same bean as {@code PUT /api/properties/{id}/meter-hierarchy},
 * with the same rules). Tenant-wide, so not for a property manager, who reaches their properties' through the API.
 */
@Controller
public class MeterHierarchyUiController {
    private final MeterHierarchies hierarchies;
    private final PageTexts texts;

    public MeterHierarchyUiController(MeterHierarchies hierarchies, PageTexts texts) {
        this.hierarchies = hierarchies;
        this.texts = texts;
    }

    @GetMapping("/ui/settings/meter-hierarchy")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    public String page(TenantId tenant, Model model) {
        model.addAttribute("hierarchies", hierarchies.find(new FindMeterHierarchies(tenant)));
        model.addAttribute("mayChange", Caller.hasRole(Roles.TENANT_ADMIN));
        return "ui/meter-hierarchy";
    }

    /** Sub-meters as the person typed them: separated by commas, spaces or new lines; none removes the hierarchy. */
    @PostMapping("/ui/settings/meter-hierarchy")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String set(TenantId tenant, @RequestParam(defaultValue = "") String propertyId,
                      @RequestParam(defaultValue = "") String masterMeterId,
                      @RequestParam(defaultValue = "") String subMeterIds, Model model) {
        model.addAttribute("propertyId", propertyId);
        model.addAttribute("masterMeterId", masterMeterId);
        model.addAttribute("subMeterIds", subMeterIds);
        List<String> subs = Arrays.stream(subMeterIds.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        try {
            hierarchies.set(tenant, new PropertyId(propertyId.strip()), masterMeterId.strip(), subs);
            model.addAttribute("saved", true);
        } catch (FieldRejected e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", texts.text("meter-hierarchy.refused", e.field(), texts.rule(e)));
        } catch (FieldRuleViolation e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", texts.text("meter-hierarchy.refused", e.field(), texts.rule(e)));
        } catch (RuleViolation | NotFound e) {
            model.addAttribute("error", texts.text("meter-hierarchy.unknown-property"));
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorField", "propertyId");
            model.addAttribute("error", texts.text("meter-hierarchy.unknown-property"));
        }
        return page(tenant, model);
    }
}
