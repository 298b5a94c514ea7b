package com.meterledger.edge.security;

import com.meterledger.api.occupantlink.RememberedDeviceGrant;
import com.meterledger.api.occupantlink.VerifyRememberedDevice;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * A remembered phone at the occupant's doors (the portal's pages and the JSON doors alike): its cookie, what it opens
 * for the account in the address, and the cookie's attributes. The one check behind every door: the phone's grant
 * comes from {@link VerifyRememberedDevice} (tenant-admin's {@code RememberedDevices}) and opens only the account it
 * was remembered for. The rules are SECURITY.md's "Remembered phones".
 */
@Component
public class RememberedPhones {
    /** The phone's cookie, one per account: its path is the account's portal, {@code /pay/{account}}. */
    public static final String COOKIE = "ml_device";

    private final QueryGateway queries;
    /** The occupants' address is https (behind a proxy that ends TLS the request itself may not say so). */
    private final boolean httpsAddress;

    public RememberedPhones(QueryGateway queries,
                            @Value("${meterledger.auth.payment-links.base-url:}") String linkBaseUrl) {
        this.queries = queries;
        this.httpsAddress = linkBaseUrl.startsWith("https://");
    }

    /** What the request's phone cookie does for one account. */
    public sealed interface Phone permits NotRemembered, Opens, OpensNothing {
    }

    /** The request carries no phone cookie. */
    public record NotRemembered() implements Phone {
    }

    /** A live phone remembered for this very account. */
    public record Opens(RememberedDeviceGrant grant) implements Phone {
    }

    /**
     * A cookie that opens nothing here: tampered, unknown, ended, expired, its link revoked, or another account's.
     * The answer should drop it ({@link #dropped}); its row, if any, stays as it was.
     */
    public record OpensNothing() implements Phone {
    }

    /** The request's phone for {@code accountId}; a refused cookie is logged as a security event. */
    public Phone of(String accountId, HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        Phone phone = new NotRemembered();
        for (Cookie cookie : cookies == null ? new Cookie[0] : cookies) {
            if (!COOKIE.equals(cookie.getName())) {
                continue;
            }
            Optional<RememberedDeviceGrant> grant = queries.query(new VerifyRememberedDevice(cookie.getValue()),
                    ResponseTypes.optionalInstanceOf(RememberedDeviceGrant.class)).join();
            if (grant.isPresent() && grant.get().opens(accountId)) {
                return new Opens(grant.get());
            }
            if (grant.isPresent()) {
                SecurityEvents.log("remembered_device_misused", "phone " + grant.get().deviceId()
                        + " used for another account");
            } else {
                SecurityEvents.log("remembered_device_refused", "tampered, unknown, ended or expired phone cookie");
            }
            phone = new OpensNothing();
        }
        return phone;
    }

    /**
     * The phone's cookie for the account's portal: HttpOnly, SameSite=Lax, Secure over https (the request's or the
     * configured public address's), its path the account's pages alone, for {@code maxAge}.
     */
    public ResponseCookie remembered(HttpServletRequest request, String accountId, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(request.isSecure() || httpsAddress)
                .sameSite("Lax").path(request.getContextPath() + "/pay/" + accountId).maxAge(maxAge).build();
    }

    /** The same cookie removed from the browser. */
    public ResponseCookie dropped(HttpServletRequest request, String accountId) {
        return remembered(request, accountId, "", Duration.ZERO);
    }
}
