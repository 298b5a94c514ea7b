package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeSmsSenderName;
import com.meterledger.api.tenant.SmsSenderName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** channels: the name the caller's own tenant's SMS go out under; the tenant comes from the token only. */
@RestController
@RequestMapping("/api/tenant/settings/sms-sender")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class SmsSenderNameController {
    private final TenantNotificationChannels channels;
    private final CommandGateway commands;

    public SmsSenderNameController(TenantNotificationChannels channels, CommandGateway commands) {
        this.channels = channels;
        this.commands = commands;
    }

    /** What the API takes and answers: null while the tenant never set one (the platform's sender is used). */
    public record SenderRequest(String senderName) {
    }

    /** @param signature whether the name is a 【signature】 carried at the head of each text, or a sender ID */
    public record SenderView(String senderName, boolean signature) {
        static SenderView of(SmsSenderName name) {
            return name == null ? new SenderView(null, false) : new SenderView(name.value(), name.signature());
        }
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "The name the tenant's SMS go out under (null: the platform's sender)")
    public SenderView senderName(@Parameter(hidden = true) TenantId tenant) {
        return SenderView.of(channels.senderNameOf(tenant).orElse(null));
    }

    /** Judged by {@link SmsSenderName#judge}; a change is an event with its actor, used by the next SMS on any node. */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Set the name the tenant's SMS go out under: a sender ID (HarbourHome) or a signature (【海港物业】)")
    public SenderView change(@Parameter(hidden = true) TenantId tenant, @RequestBody SenderRequest request) {
        SmsSenderName name = new SmsSenderName(request == null ? null : request.senderName());
        if (!channels.tenantIsData(tenant)) {
            throw new NotFound("tenant settings", tenant);
        }
        commands.sendAndWait(new ChangeSmsSenderName(tenant, name));
        return SenderView.of(name);
    }
}
