package com.meterledger.ui.occupant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.gateway.notification.OccupantContacts;
import com.meterledger.edge.security.FormOrigin;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.PageTexts;
import com.meterledger.ui.i18n.TenantPreferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The way out of low-balance alerts, from the link in each alert: no payment link needed (it may have expired long
 * ago). Opening the link only asks (mail scanners open links, and must not unsubscribe anyone); the page's button
 * turns the alerts off and forgets the addresses. The tenant in the path binds the lookup (row-level security); the
 * random token finds the one row, and a wrong one finds nothing, said as "already off" so it tells nothing.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantAlertsController {
    private static final Logger log = LoggerFactory.getLogger(OccupantAlertsController.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String PUBLIC = "unsubscribe token (random, 192 bits; can only turn one occupant's alerts off)";

    private final ObjectProvider<OccupantContacts> contacts;
    private final HtmlPages pages;
    private final FormOrigin formOrigin;
    private final OccupantPortal portal;
    private final PageTexts texts;

    public OccupantAlertsController(ObjectProvider<OccupantContacts> contacts, HtmlPages pages,
                                    @Value("${meterledger.auth.payment-links.base-url:}") String linkBaseUrl,
                                    OccupantPortal portal, PageTexts texts) {
        this.texts = texts;
        this.contacts = contacts;
        this.pages = pages;
        this.formOrigin = new FormOrigin(linkBaseUrl);
        this.portal = portal;
    }

    @GetMapping("/pay/alerts/stop/{tenantId}/{unsubscribeToken}")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "Asks whether to stop the occupant's low-balance alerts (HTML); changes nothing")
    public ResponseEntity<String> ask(@PathVariable("tenantId") String tenant,
                                      @PathVariable("unsubscribeToken") String token) {
        Optional<TenantId> of = tenantOf(tenant, token);
        of.ifPresent(t -> TenantPreferences.forTenant(t.value()));
        return pages.render(HttpStatus.OK, "pay/alerts-stop", Map.of("action",
                "/pay/alerts/stop/" + tenant + "/" + token, "done", false, "landlord", landlord(of)));
    }

    @PostMapping("/pay/alerts/stop/{tenantId}/{unsubscribeToken}")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "Stops the occupant's low-balance alerts and forgets their addresses (HTML)")
    public ResponseEntity<String> stop(@PathVariable("tenantId") String tenant,
                                      @PathVariable("unsubscribeToken") String token,
                                       HttpServletRequest request) {
        if (formOrigin.crossSite(request)) {
            SecurityEvents.log("alerts_unsubscribe_refused", "cross-site form post");
            return pages.render(HttpStatus.FORBIDDEN, "pay/problem", Map.of("title",
                    texts.text("pay.refused.cross-site.title"), "reason", texts.text("pay.refused.cross-site.reason")));
        }
        Optional<TenantId> of = tenantOf(tenant, token);
        of.ifPresent(t -> TenantPreferences.forTenant(t.value()));
        OccupantContacts store = contacts.getIfAvailable();
        // only the path's tenant binds this door: a bearer token of another tenant (no occupant's browser sends one)
        // changes nobody's alerts, and is told what an unknown token is told
        boolean foreignCaller = of.isPresent() && TenantContext.ambient().filter(a -> !of.get().sameAs(a)).isPresent();
        if (foreignCaller) {
            SecurityEvents.log("alerts_unsubscribe_refused", "a token of another tenant on an unsubscribe link");
        }
        if (of.isPresent() && store != null && !foreignCaller) {
            TenantId t = of.get();
            TenantContext.callAs(t, () -> store.unsubscribe(t, token))
                    .ifPresent(account -> log.info("occupant alerts of account {} of tenant {} stopped by their link",
                            account, t));
        }
        return pages.render(HttpStatus.OK, "pay/alerts-stop", Map.of("action", "", "done", true,
                "landlord", landlord(of)));
    }

    private Optional<TenantId> tenantOf(String tenant, String token) {
        if (!TENANT.matcher(tenant).matches() || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TenantId(tenant));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String landlord(Optional<TenantId> tenant) {
        try {
            return tenant.flatMap(portal::landlord).orElse("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
