package com.meterledger.ui.i18n;

import com.meterledger.ui.staff.UiFormat;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.ZoneOffset;

/** The formatting of the page being rendered: its language ({@link PageLocales}) and its tenant's zone. */
@Component
public class PageFormats {
    private final UiFormat plain;
    private final TenantPreferences tenants;

    public PageFormats(UiFormat plain, TenantPreferences tenants) {
        this.plain = plain;
        this.tenants = tenants;
    }

    /** For the current request: the page's language, the zone of the tenant it is for (UTC for none). */
    public UiFormat current() {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                attributes ? attributes.getRequest() : null;
        return plain.in(LocaleContextHolder.getLocale(), TenantPreferences.tenantOf(request).map(tenants::zone)
                .orElse(ZoneOffset.UTC));
    }
}
