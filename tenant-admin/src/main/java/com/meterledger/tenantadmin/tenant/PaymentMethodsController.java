package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChoosePaymentMethods;
import com.meterledger.api.tenant.PaymentMethodChoice;
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

/**
 * The payment methods the caller's tenant offers occupants beside card (WeChat Pay, Alipay): a settings section of its
 * own. Which tenant comes from the token only. Whether a chosen method is actually offered also depends on the
 * account's currency ({@link com.meterledger.api.payment.PaymentMethodOffer}), judged when a checkout starts.
 */
@RestController
@RequestMapping("/api/tenant/payment-methods")
@Tag(name = "Tenant settings", description = "The tenant's own rules and preferences, kept as data")
public class PaymentMethodsController {
    private final TenantDirectory directory;
    private final CommandGateway commands;

    public PaymentMethodsController(TenantDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')")
    @Operation(summary = "The payment methods the tenant offers occupants (card only until it chose)")
    public PaymentMethodChoice methods(@Parameter(hidden = true) TenantId tenant) {
        return directory.paymentMethodsOf(tenant);
    }

    /** Every change is an event with its actor; a tenant that is not data answers 404 like its settings. */
    @PutMapping
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Operation(summary = "Choose the payment methods the tenant offers occupants; CARD must be among them")
    public PaymentMethodChoice choose(@Parameter(hidden = true) TenantId tenant,
                                      @RequestBody PaymentMethodChoice choice) {
        commands.sendAndWait(new ChoosePaymentMethods(tenant, choice));
        return choice;
    }
}
