package com.meterledger.ui.staff;

import com.meterledger.api.listing.PropertyScope;
import com.meterledger.gateway.meter.registry.GatewayListController;
import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.meter.registry.GatewayController;
import com.meterledger.gateway.meter.registry.GatewayController.AttachMeterRequest;
import com.meterledger.gateway.meter.registry.GatewayController.RegisterGatewayRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/**
 * The tenant's gateways: register one (its secret is on the answer page once and never again: only its hash is
 * kept), rotate the secret, attach a meter under the address the gateway uses for it. {@link GatewayController}'s
 * own handlers do the work, so a meter of another tenant is as unknown here as in the API.
 */
@Controller
@PreAuthorize("hasRole('TENANT_ADMIN')")
public class GatewayUiController {
    private static final int SHOWN = 200;
    private final GatewayController gateways;
    private final GatewayListController list;
    private final Forms forms;

    public GatewayUiController(GatewayController gateways, GatewayListController list, Forms forms) {
        this.gateways = gateways;
        this.list = list;
        this.forms = forms;
    }

    /** The first {@value #SHOWN} gateways by id, each with its meters (the list page pages through all of them). */
    @GetMapping("/ui/gateways/manage")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String gateways(TenantId tenant, Model model) {
        model.addAttribute("gateways", list.list(tenant, PropertyScope.ALL, null, null, 0, SHOWN, "gatewayId", null).items()
                .stream().map(item -> gateways.get(tenant, item.gatewayId())).toList());
        Forms.defaultForm(model, Map.of());
        return "ui/gateways";
    }

    @PostMapping("/ui/gateways")
    public String register(TenantId tenant, @RequestParam Map<String, String> form, Model model) {
        model.addAttribute("form", form);
        forms.attempt(model, "gateway", () -> gateways.register(tenant, forms.checked(new RegisterGatewayRequest(
                FormValues.text(form.get("gatewayId")), FormValues.text(form.get("propertyId")),
                FormValues.text(form.get("name"))))).getBody());
        return gateways(tenant, model);
    }

    @PostMapping("/ui/gateways/{gatewayId}/secret")
    public String rotate(TenantId tenant, @PathVariable String gatewayId, Model model) {
        gateways.get(tenant, gatewayId);
        forms.attempt(model, "gateway", () -> gateways.rotate(tenant, gatewayId));
        return gateways(tenant, model);
    }

    @PostMapping("/ui/gateways/{gatewayId}/meters")
    public String attach(TenantId tenant, @PathVariable String gatewayId, @RequestParam Map<String, String> form,
                         Model model) {
        gateways.get(tenant, gatewayId);
        model.addAttribute("form", form);
        String meterId = FormValues.text(form.get("meterId"));
        forms.attempt(model, "attach-" + gatewayId, () -> {
            if (meterId == null) {
                throw new FieldRejected("meterId", Forms.INVALID_FIELD, Reason.of("field-blank", "must not be blank"));
            }
            return gateways.attach(tenant, gatewayId, meterId, forms.checked(
                    new AttachMeterRequest(FormValues.text(form.get("address")))));
        });
        return gateways(tenant, model);
    }
}
