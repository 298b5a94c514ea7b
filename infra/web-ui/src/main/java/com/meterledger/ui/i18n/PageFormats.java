package com.meterledger.ui.i18n;

import com.meterledger.ui.staff.UiFormat;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.ZoneOffset;
import java.util.List;

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

    /**
     * A rule's English words with its moments on the current tenant's clock ({@link UiFormat#momentsIn}); words that
     * name no moment are as the rule wrote them, without looking the tenant's zone up.
     */
    public String momentsIn(String asWritten, List<Object> figures) {
        return figures.stream().allMatch(figure -> UiFormat.momentOf(figure) == null) ? asWritten
                : current().momentsIn(asWritten, figures);
    }
}
