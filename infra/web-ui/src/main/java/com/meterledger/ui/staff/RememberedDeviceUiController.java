package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.tenantadmin.occupantlink.RememberedDeviceController;
import com.meterledger.tenantadmin.occupantlink.RememberedDevices;
import com.meterledger.ui.i18n.PageFormats;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page's remembered phones (an htmx fragment): revoke one, or all of them. Same {@link RememberedDevices}
 * and the same rules as the API ({@link RememberedDeviceController}); the section is answered again, as it is now.
 */
@Controller
public class RememberedDeviceUiController {
    /** The form's value that revokes every live phone of the account. */
    static final String ALL = "all";

    private final RememberedDevices devices;
    private final PageFormats formats;

    public RememberedDeviceUiController(RememberedDevices devices, PageFormats formats) {
        this.devices = devices;
        this.formats = formats;
    }

    /**
     * {@code device}: one phone's id, or {@code all}. The account is checked first (another tenant's is not found);
     * a form without a phone is refused in place, naming the field, and changes nothing.
     */
    @PostMapping("/ui/accounts/{accountId}/remembered-devices/revocation")
    @PreAuthorize(RememberedDeviceController.REVOKERS)
    public String revoke(TenantId tenant, @PathVariable String accountId,
                         @RequestParam(name = "device", required = false) String device, Model model,
                         HttpServletResponse response) {
        devices.of(tenant, accountId);
        String actor = Caller.actor().map(a -> a.id()).orElse("unknown");
        if (device == null || device.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("devicesRefused", true);
        } else if (ALL.equals(device)) {
            model.addAttribute("devicesRevoked", devices.revokeAll(tenant, accountId, actor));
        } else {
            devices.revoke(tenant, accountId, device, actor);
            model.addAttribute("devicesRevoked", 1);
        }
        section(model, tenant, accountId, true);
        return "ui/remembered-devices :: devices";
    }

    /** The section's model: the account's phones, newest first, and whether the reader may revoke them. */
    void section(Model model, TenantId tenant, String accountId, boolean mayRevoke) {
        model.addAttribute("deviceAccount", accountId);
        var phones = devices.of(tenant, accountId);
        model.addAttribute("devices", phones);
        model.addAttribute("devicesLive", phones.stream().anyMatch(RememberedDevices.Device::live));
        model.addAttribute("mayRevokeDevices", mayRevoke);
        model.addAttribute("deviceDays", devices.timeToLive().toDays());
        model.addAttribute("fmt", formats.current());
    }
}
