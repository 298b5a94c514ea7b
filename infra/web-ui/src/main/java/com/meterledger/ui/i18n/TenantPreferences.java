package com.meterledger.ui.i18n;

import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.core.settings.TenantSettingsReader;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The language and time zone a tenant set for its people and occupants, as the pages read them: the language from
 * its settings ({@link TenantSettingsReader}, remembered for a moment), the zone from the same settings or, for a
 * tenant that is not data, the platform's configured zone for it (the one its "today" and friendly hours use,
 * {@link SupplyCalendars}). Whose tenant a page is for: the signed-in person's, or the one a page that verified a
 * payment link or looked up a receipt names ({@link #forTenant}); never a path, header or body.
 */
@Component
public class TenantPreferences {
    private static final String TENANT = TenantPreferences.class.getName() + ".tenant";

    private final TenantSettingsReader settings;
    private final SupplyCalendars calendars;

    public TenantPreferences(TenantSettingsReader settings, SupplyCalendars calendars) {
        this.settings = settings;
        this.calendars = calendars;
    }

    /** The page being rendered is for this tenant (an occupant's verified link, a receipt's tenant). */
    public static void forTenant(String tenant) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(TENANT, tenant, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The tenant the request's page is for, if any. */
    public static Optional<String> tenantOf(HttpServletRequest request) {
        Object named = request == null ? null : request.getAttribute(TENANT);
        if (named instanceof String tenant) {
            return Optional.of(tenant);
        }
        return Caller.current().map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM))
                .filter(tenant -> !tenant.isBlank());
    }

    /**
     * The tenant's language setting; nothing when it leaves the language to each reader, for a tenant that is not
     * data, or when it cannot be read now.
     */
    public Optional<String> language(String tenant) {
        try {
            return TenantContext.callAs(tenant, () -> settings.of(tenant)).flatMap(TenantSettings::languageForAll);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The tenant's zone; UTC when it cannot be read now (a page still shows, its times say UTC). */
    public ZoneId zone(String tenant) {
        try {
            return TenantContext.callAs(tenant, () -> calendars.of(tenant).zone());
        } catch (RuntimeException unreadable) {
            return ZoneOffset.UTC;
        }
    }
}
