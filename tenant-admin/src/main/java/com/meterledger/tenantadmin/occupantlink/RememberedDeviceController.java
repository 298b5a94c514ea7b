package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The phones occupants let the portal remember for one account ({@link RememberedDevices}): who may read the account
 * sees them; who may issue its payment links revokes them, one or all. Another tenant's account or phone is not found.
 */
@RestController
@Tag(name = "Payment links", description = "Signed, expiring, revocable links that let an occupant reach one account")
public class RememberedDeviceController {
    /** The account's readers: the account page's rule. */
    public static final String READERS =
            "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR') or hasPermission(#accountId, 'account', 'manage')";
    /** Those who may give an occupant access (issue a payment link) may take a remembered phone's away. */
    public static final String REVOKERS =
            "hasAnyRole('TENANT_ADMIN', 'FINANCE') or hasPermission(#accountId, 'account', 'manage')";

    private final RememberedDevices devices;

    public RememberedDeviceController(RememberedDevices devices) {
        this.devices = devices;
    }

    /** A remembered phone as the API shows it: never its secret, its label as codes ({@code IPHONE/WECHAT}). */
    public record DeviceView(String deviceId, String platform, String browser, Instant createdAt, Instant lastUsedAt,
                             Instant expiresAt, boolean live, String ended, Instant endedAt) {
        static DeviceView of(RememberedDevices.Device device) {
            return new DeviceView(device.deviceId(), device.label().platform().name(),
                    device.label().browser().name(), device.createdAt(), device.lastUsedAt(), device.expiresAt(),
                    device.live(), device.ended() != null ? device.ended().name() : device.expired() ? "EXPIRED"
                    : null, device.endedAt());
        }
    }

    @GetMapping("/api/accounts/{accountId}/remembered-devices")
    @PreAuthorize(READERS)
    @Operation(summary = "The phones occupants let the portal remember for this account, live and ended")
    public List<DeviceView> list(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId) {
        return devices.of(tenant, accountId).stream().map(DeviceView::of).toList();
    }

    @DeleteMapping("/api/accounts/{accountId}/remembered-devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(REVOKERS)
    @Operation(summary = "Revoke one remembered phone at once: it opens the portal no more")
    public void revoke(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId,
                       @PathVariable String deviceId) {
        devices.revoke(tenant, accountId, deviceId, actor());
    }

    @DeleteMapping("/api/accounts/{accountId}/remembered-devices")
    @PreAuthorize(REVOKERS)
    @Operation(summary = "Revoke every live remembered phone of the account; answers how many ended")
    public Map<String, Integer> revokeAll(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId) {
        return Map.of("revoked", devices.revokeAll(tenant, accountId, actor()));
    }

    private static String actor() {
        return Caller.actor().map(actor -> actor.id()).orElse("unknown");
    }
}
