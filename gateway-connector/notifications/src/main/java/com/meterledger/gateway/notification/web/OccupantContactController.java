package com.meterledger.gateway.notification.web;

import org.springframework.security.access.prepost.PreAuthorize;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.notification.AccountDirectory;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.NotificationLog;
import com.meterledger.gateway.notification.NotificationProperties;
import com.meterledger.gateway.notification.OccupantContact;
import com.meterledger.gateway.notification.OccupantContacts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The occupant's contact data for notifications: set, read, erase. Personal data, so it lives only in its own
 * deletable table; the tenant is the caller's (from the token), never the body's.
 */
@RestController
@RequestMapping("/api/accounts/{accountId}/contact")
@Tag(name = "Notifications", description = "How an account's occupant is told about low balance, supply and top-ups")
@ConditionalOnProperty(prefix = "meterledger.notifications", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class OccupantContactController {
    private final OccupantContacts contacts;
    private final AccountDirectory accounts;
    private final NotificationLog notificationLog;
    private final boolean allowInsecureWebhooks;

    public OccupantContactController(OccupantContacts contacts, AccountDirectory accounts,
                                     NotificationLog notificationLog, NotificationProperties properties) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.notificationLog = notificationLog;
        this.allowInsecureWebhooks = properties.webhook().allowInsecureUrls();
    }

    public record ContactRequest(@Size(max = 200) String name,
                                 @Email @Size(max = 254) String email,
                                 @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be E.164, e.g. +31612345678")
                                 String phone,
                                 @Size(max = 2000) String webhookUrl,
                                 @NotEmpty Set<Channel> channels) {
        /** Judged as the body is read: a NUL in the name made PostgreSQL refuse the contact's row with a 500. */
        public ContactRequest {
            FreeText.require("name", name, FreeText.NAME);
            FreeText.require("email", email, FreeText.NAME);
            FreeText.require("webhookUrl", webhookUrl, 2_000);
        }
    }

    public record ContactView(String accountId, String name, String email, String phone, String webhookUrl,
                              Set<Channel> channels) {
        static ContactView of(OccupantContact contact) {
            return new ContactView(contact.accountId().value(), contact.name(), contact.email(), contact.phone(),
                    contact.webhookUrl() == null ? null : contact.webhookUrl().toString(), contact.channels());
        }
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    @PutMapping
    @Operation(summary = "Set (create or replace) how the occupant of the account is notified")
    public ContactView set(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId,
                           @Valid @RequestBody ContactRequest request) {
        return store(tenant, knownAccount(tenant, accountId), request);
    }

    /**
     * The same, for an account the caller has just opened in this tenant and knows from the command's own result (the
     * bulk import): the notifications module learns an account from the committed {@code AccountOpened}, a processor's
     * round trip later, and under load that lag made each imported row wait for it. Not an endpoint; the caller has
     * judged the request by its constraints (the import's dry run does, with the API's own checks).
     */
    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    public ContactView setForOpenedAccount(TenantId tenant, String accountId, ContactRequest request) {
        return store(tenant, new AccountId(accountId), request);
    }

    private ContactView store(TenantId tenant, AccountId account, ContactRequest request) {
        OccupantContact contact = new OccupantContact(tenant, account, blankToNull(request.name()),
                blankToNull(request.email()), blankToNull(request.phone()), webhookUrl(request.webhookUrl()),
                request.channels());
        contacts.save(contact);
        return ContactView.of(contact);
    }

    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE') or hasPermission(#accountId, 'account', 'manage')")
    @GetMapping
    @Operation(summary = "The occupant's contact data and preferred channels")
    public ContactView get(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId) {
        AccountId account = new AccountId(accountId);
        return contacts.find(tenant, account).map(ContactView::of)
                .orElseThrow(() -> new NotFound("contact of account", accountId));
    }

    @PreAuthorize("hasRole('TENANT_ADMIN') or hasPermission(#accountId, 'account', 'manage')")
    @DeleteMapping
    @Operation(summary = "Erase the occupant's contact data (right to erasure); no further notifications are sent")
    public ResponseEntity<Void> erase(@Parameter(hidden = true) TenantId tenant, @PathVariable String accountId) {
        AccountId account = new AccountId(accountId);
        boolean erased = contacts.erase(tenant, account);
        notificationLog.forget(tenant, account);
        if (!erased) {
            throw new NotFound("contact of account", accountId);
        }
        return ResponseEntity.noContent().build();
    }

    private AccountId knownAccount(TenantId tenant, String accountId) {
        AccountId account = new AccountId(accountId);
        if (!accounts.knows(tenant, account)) {
            throw new NotFound("account", accountId);
        }
        return account;
    }

    private URI webhookUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhookUrl is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean allowed = scheme.equals("https") || (allowInsecureWebhooks && scheme.equals("http"));
        if (!allowed || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("webhookUrl must be an absolute https URL without credentials");
        }
        return uri;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
