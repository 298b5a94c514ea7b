package com.meterledger.ui.staff;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.core.account.web.AccountCommandController;
import com.meterledger.core.account.web.AccountCommandController.OpenAccountRequest;
import com.meterledger.core.meter.web.MeterController;
import com.meterledger.core.meter.web.MeterController.RegisterMeterRequest;
import com.meterledger.core.supply.web.SupplyController;
import com.meterledger.core.supply.web.SupplyController.BatchAction;
import com.meterledger.core.supply.web.SupplyController.BatchRequest;
import com.meterledger.query.account.PropertyOverview;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.tenantadmin.registry.RegistryController;
import com.meterledger.tenantadmin.registry.RegistryController.NewProperty;
import com.meterledger.tenantadmin.registry.RegistryController.NewUnit;
import com.meterledger.tenantadmin.registry.RegistryController.PropertyDetails;
import com.meterledger.tenantadmin.registry.RegistryController.UnitName;
import com.meterledger.ui.i18n.PageFormats;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * Setting a property up from the browser: the property, its units, their electricity and water meters, the accounts
 * opened at move-in with their opening reading, corrections of the property's name and address and of a unit's name,
 * and cut, restore or keep-on over a selection of its meters. Every
 * form builds the API's own request record and calls the API endpoint's bean ({@link RegistryController},
 * {@link MeterController}, {@link AccountCommandController}, {@link SupplyController}), so the page and the API
 * share every rule, the role checks included; a refusal is shown beside the form with its field and rule.
 */
@Controller
public class PropertySetupUiController {
    static final String SETUP = "hasRole('TENANT_ADMIN') or hasPermission(#propertyId, 'property', 'manage')";

    private final RegistryController registry;
    private final Registry properties;
    private final MeterController meters;
    private final AccountCommandController accounts;
    private final SupplyController supply;
    private final PropertyOverview overviews;
    private final PageFormats formats;
    private final Forms forms;

    public PropertySetupUiController(RegistryController registry, Registry properties, MeterController meters,
                                     AccountCommandController accounts, SupplyController supply,
                                     PropertyOverview overviews, PageFormats formats, Forms forms) {
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
        this.accounts = accounts;
        this.supply = supply;
        this.overviews = overviews;
        this.formats = formats;
        this.forms = forms;
    }

    @GetMapping("/ui/properties/new")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String newProperty() {
        return "ui/property-new";
    }

    @PostMapping("/ui/properties/new")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String addProperty(TenantId tenant, @RequestParam Map<String, String> form, Model model) {
        model.addAttribute("form", form);
        boolean added = forms.attempt(model, "property", () -> registry.addProperty(tenant, forms.checked(
                new NewProperty(FormValues.text(form.get("propertyId")), FormValues.text(form.get("name")),
                        FormValues.text(form.get("address"))))));
        return added ? "redirect:/ui/properties/" + org.springframework.web.util.UriUtils.encodePathSegment(
                form.get("propertyId").strip(), java.nio.charset.StandardCharsets.UTF_8) + "/setup" : "ui/property-new";
    }

    @GetMapping("/ui/properties/{propertyId}/setup")
    @PreAuthorize(SETUP)
    public String setup(TenantId tenant, @PathVariable String propertyId, Model model) {
        model.addAttribute("property", knownProperty(tenant, propertyId));
        model.addAttribute("units", registry.units(tenant, propertyId));
        model.addAttribute("utilities", Utility.values());
        Forms.defaultForm(model, Map.of());
        return "ui/property-setup";
    }

    @PostMapping("/ui/properties/{propertyId}/units")
    @PreAuthorize(SETUP)
    public String addUnit(TenantId tenant, @PathVariable String propertyId, @RequestParam Map<String, String> form,
                          Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("form", form);
        forms.attempt(model, "unit", () -> registry.addUnit(tenant, propertyId, forms.checked(
                new NewUnit(FormValues.text(form.get("unitId")), FormValues.text(form.get("unitName"))))));
        return setup(tenant, propertyId, model);
    }

    /** The property's name and address corrected; the page shows the new ones at once, its heading included. */
    @PostMapping("/ui/properties/{propertyId}/details")
    @PreAuthorize(SETUP)
    public String changeProperty(TenantId tenant, @PathVariable String propertyId,
                                 @RequestParam Map<String, String> form, Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("form", form);
        forms.attempt(model, "details", () -> registry.changeProperty(tenant, propertyId, forms.checked(
                new PropertyDetails(FormValues.text(form.get("propertyName")),
                        FormValues.text(form.get("propertyAddress"))))));
        return setup(tenant, propertyId, model);
    }

    /** A unit of the property renamed, chosen from the property's units. */
    @PostMapping("/ui/properties/{propertyId}/unit-names")
    @PreAuthorize(SETUP)
    public String renameUnit(TenantId tenant, @PathVariable String propertyId, @RequestParam Map<String, String> form,
                             Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("form", form);
        forms.attempt(model, "rename", () -> registry.renameUnit(tenant, propertyId,
                FormValues.text(form.get("renameUnitId")), forms.checked(
                        new UnitName(FormValues.text(form.get("newUnitName"))))));
        return setup(tenant, propertyId, model);
    }

    @PostMapping("/ui/properties/{propertyId}/meters")
    @PreAuthorize(SETUP)
    public String registerMeter(TenantId tenant, @PathVariable String propertyId,
                                @RequestParam Map<String, String> form, Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("form", form);
        forms.attempt(model, "meter", () -> meters.register(forms.checked(new RegisterMeterRequest(
                FormValues.text(form.get("meterId")), FormValues.text(form.get("meterUnitId")),
                FormValues.choice("utility", Utility.class, form.get("utility")),
                FormValues.text(form.get("serialNumber"))))).getBody());
        return setup(tenant, propertyId, model);
    }

    /** Move-in: the account of a unit's meter, opened with the meter's reading at that moment. */
    @PostMapping("/ui/properties/{propertyId}/accounts")
    @PreAuthorize(SETUP)
    public String openAccount(TenantId tenant, @PathVariable String propertyId,
                              @RequestParam Map<String, String> form, Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("form", form);
        forms.attempt(model, "account", () -> accounts.open(tenant, forms.checked(new OpenAccountRequest(
                FormValues.text(form.get("accountId")), FormValues.text(form.get("accountUnitId")),
                FormValues.text(form.get("accountMeterId")), FormValues.text(form.get("currency")),
                FormValues.text(form.get("tariffId")), FormValues.decimal("pricePerUnitMinor",
                form.get("pricePerUnitMinor")), FormValues.moment("openingReadAt", form.get("openingReadAt"),
                formats.current().zone(), GenericEventMessage.clock.instant()),
                FormValues.decimal("openingRegister", form.get("openingRegister")), null))).getBody());
        return setup(tenant, propertyId, model);
    }

    @GetMapping("/ui/properties/{propertyId}/supply")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String supplyPage(TenantId tenant, @PathVariable String propertyId, Model model) {
        knownProperty(tenant, propertyId);
        model.addAttribute("overview", overviews.of(tenant, propertyId));
        model.addAttribute("actions", BatchAction.values());
        return "ui/property-supply";
    }

    /** Cut, restore or keep-on over the ticked meters: each meter's own outcome, as {@code POST /api/supply/batch}. */
    @PostMapping("/ui/properties/{propertyId}/supply")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String batch(TenantId tenant, @PathVariable String propertyId,
                        @RequestParam(required = false) String action,
                        @RequestParam(name = "meterId", required = false) List<String> meterIds,
                        @RequestParam(required = false) String reason, Model model) {
        knownProperty(tenant, propertyId);
        forms.attempt(model, "batch", () -> supply.batch(forms.checked(new BatchRequest(
                FormValues.choice("action", BatchAction.class, action), meterIds == null ? List.of() : meterIds,
                FormValues.text(reason)))));
        model.addAttribute("reason", reason);
        return supplyPage(tenant, propertyId, model);
    }

    /** The caller's tenant's property, or a 404 like any unknown id, before a form is read. */
    private Registry.Property knownProperty(TenantId tenant, String propertyId) {
        return properties.property(tenant, new PropertyId(propertyId))
                .orElseThrow(() -> new com.meterledger.api.error.NotFound("property", propertyId));
    }
}
