package com.meterledger.ui.occupant;

import com.meterledger.api.account.AccountId;
import com.meterledger.gateway.notification.AlertChoice;
import com.meterledger.gateway.notification.AlertChoiceRule;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.OccupantContacts;
import com.meterledger.gateway.notification.OfferedChannels;
import com.meterledger.ui.i18n.LanguageChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.query.account.OccupantPortalQueries;
import com.meterledger.query.account.AccountUpdates;
import com.meterledger.ui.receipt.OfflineReceiptPages;
import com.meterledger.ui.staff.LiveStreams;
import com.meterledger.ui.staff.UiFormat;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import com.meterledger.api.account.AccountState;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.occupantlink.PaymentLinkGrant;
import com.meterledger.api.occupantlink.RememberedDeviceGrant;
import com.meterledger.api.occupantlink.VerifyPaymentLink;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.core.settings.PaymentLimitsOf;
import com.meterledger.edge.security.ContentSecurityPolicy;
import com.meterledger.edge.security.PublicEndpoint;
import com.meterledger.edge.security.RememberedPhones;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.gateway.payment.CheckoutService;
import com.meterledger.gateway.payment.PaymentRecords;
import com.meterledger.gateway.payment.StripeGateway;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.tenantadmin.occupantlink.RememberedDevices;
import com.meterledger.edge.security.FormOrigin;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.PageTexts;
import com.meterledger.ui.i18n.TenantPreferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The occupant's payment pages (mobile-first, server-rendered, {@code templates/pay/}): reached only with a live
 * payment-link token for the one account it names. The page shows the unit, the balance and recent consumption and
 * offers the tenant's preset amounts or a custom one within the tenant's limits; the form starts a Stripe Checkout
 * through {@link CheckoutService} and sends the browser there. The success page credits nothing: the signed webhook
 * does. A refusal is a page with its reason for a browser and an RFC 7807 problem for anything else.
 * <p>
 * CSRF: the form carries no ambient credential (no cookie, no session); its authority is the link token in a hidden
 * field, which a foreign site does not know. Cross-site posts are refused anyway, by {@link FormOrigin}: the form is a
 * navigation, not a script's request, so CORS does not guard it. Pages are served with
 * {@code Referrer-Policy: same-origin}, so the browser names our origin on the post and the token in the page's
 * address never reaches another site.
 * <p>
 * A phone the occupant let the portal remember ({@link RememberedDevices}) opens these pages without the link: its
 * cookie is HttpOnly, {@code SameSite=Lax} (a cross-site form post does not carry it, so it lends a foreign site
 * nothing, and {@link FormOrigin} refuses such posts anyway), Secure over https, and scoped to the one account's
 * path. The link's token comes first; the cookie answers only when the token is missing or no longer opens anything.
 */
@RestController
@Tag(name = "Occupants", description = "What an occupant reaches with a payment link")
public class OccupantPageController {
    private static final Logger log = LoggerFactory.getLogger(OccupantPageController.class);
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,3})?");
    private static final Pattern SEQUENCE = Pattern.compile("\\d{1,18}");
    /** How long one event stream stays open before the browser opens it again (and the token is checked again). */
    static final long STREAM_TIMEOUT_MILLIS = 10 * 60 * 1000L;
    private static final String PUBLIC = "payment-link token (signed, expiring, one account, revocable) or a remembered "
            + "phone's cookie (random, only its hash stored, one account, revocable), rate limited";
    /** Set on a request whose device cookie opened nothing: the answer tells the browser to drop it. */
    private static final String DEAD_COOKIE = OccupantPageController.class.getName() + ".deadCookie";

    private final QueryGateway queries;
    private final AccountQueries accounts;
    private final CheckoutService checkouts;
    private final PaymentLimitsOf limits;
    private final HtmlPages pages;
    private final PageTexts texts;
    private final PageFormats formats;
    private final String csp;
    private final FormOrigin formOrigin;
    private final OccupantPortal portal;
    private final OccupantPortalQueries portalQueries;
    private final AccountUpdates updates;
    private final LiveStreams streams;
    private final OfflineReceiptPages offlineReceipts;
    private final ObjectMapper json;
    private final PaymentRecords paymentRecords;
    /** The deletable contact table (notifications); absent where notifications are switched off. */
    private final ObjectProvider<OccupantContacts> contacts;
    /** channels: what the landlord offers its occupants (its notification channels), asked on each view. */
    private final ObjectProvider<OfferedChannels> offeredChannels;
    private final RememberedDevices devices;
    private final RememberedPhones phones;

    public OccupantPageController(QueryGateway queries, AccountQueries accounts, CheckoutService checkouts,
                                  PaymentLimitsOf limits, HtmlPages pages, PageTexts texts, PageFormats formats,
                                  @Value("${meterledger.auth.payment-links.base-url:}") String linkBaseUrl,
                                  @Value("${meterledger.pay.checkout-origin:https://checkout.stripe.com}")
                                  String checkoutOrigin, OccupantPortal portal,
                                  OccupantPortalQueries portalQueries,
                                  AccountUpdates updates, LiveStreams streams, OfflineReceiptPages offlineReceipts,
                                  ObjectMapper json, PaymentRecords paymentRecords,
                                  ObjectProvider<OccupantContacts> contacts,
                                  ObjectProvider<OfferedChannels> offeredChannels, RememberedDevices devices,
                                  RememberedPhones phones) {
        this.devices = devices;
        this.phones = phones;
        this.contacts = contacts;
        this.offeredChannels = offeredChannels;
        this.queries = queries;
        this.accounts = accounts;
        this.checkouts = checkouts;
        this.limits = limits;
        this.pages = pages;
        this.texts = texts;
        this.formats = formats;
        // the form's answer redirects to Stripe Checkout: form-action must allow it, or browsers stop the redirect
        this.csp = ContentSecurityPolicy.allowingFormsTo(checkoutOrigin);
        this.formOrigin = new FormOrigin(linkBaseUrl);
        this.portal = portal;
        this.portalQueries = portalQueries;
        this.updates = updates;
        this.streams = streams;
        this.offlineReceipts = offlineReceipts;
        this.json = json;
        this.paymentRecords = paymentRecords;
    }

    /** What a token opens: the occupant's account, or a refusal. */
    private sealed interface Door permits Refusal, Occupant {
    }

    /** A refusal: its status, title and the reason shown to the occupant, in the occupant's language. */
    private record Refusal(HttpStatus status, String title, String reason, String rule) implements Door {
    }

    /** A refusal in words of the bundles: {@code pay.refused.<key>.title} and {@code .reason} with its arguments. */
    private Refusal refusal(HttpStatus status, String key, String rule, Object... arguments) {
        return new Refusal(status, texts.text("pay.refused." + key + ".title"),
                texts.text("pay.refused." + key + ".reason", arguments), rule);
    }

    /**
     * The occupant of the account: through a live link ({@code link}, else null) or a remembered phone alone;
     * {@code device}: this phone's live grant for the account, if it is remembered (through the link or not).
     */
    private record Occupant(TenantId tenant, PaymentLinkGrant link, RememberedDeviceGrant device,
                            AccountQueries.AccountBalance account) implements Door {
        /** Who acts for the occupant in events and logs: the link, or the remembered phone. */
        String actor() {
            return link != null ? "payment-link:" + link.linkId() : "remembered-device:" + device.deviceId();
        }

        String origin() {
            return link != null ? "payment-link" : "remembered-device";
        }

        /** The token for the page's forms and links: only a live one (a dead one is left out of every address). */
        String token(String token) {
            return link != null ? token : null;
        }
    }

    public record Preset(long minor, String label) {
    }

    @GetMapping("/pay/{accountId}")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The occupant's payment page: unit, balance, recent consumption, amounts to pay (HTML)")
    public ResponseEntity<?> page(@PathVariable String accountId,
                                  @RequestParam(name = "token", required = false) String token,
                                  @RequestParam(name = "alerts", required = false) String alerts,
                                  @RequestParam(name = "device", required = false) String device,
                                  HttpServletRequest request) {
        return switch (open(accountId, token, request)) {
            case Refusal refusal -> refuse(request, refusal);
            case Occupant occupant -> form(request, HttpStatus.OK, occupant, token, null, null,
                    AlertsForm.shown("saved".equals(alerts)), DeviceForm.shown(device));
        };
    }

    /** The "this phone" section's state on one page view: just remembered or forgotten, or refused. */
    private record DeviceForm(boolean remembered, boolean forgotten, Refusal refused) {
        static DeviceForm shown(String device) {
            return new DeviceForm("remembered".equals(device), "forgotten".equals(device), null);
        }
    }

    /**
     * "Remember this phone": through a live link only (a remembered phone cannot lengthen its own life), and only
     * ticked. The phone gets its cookie for the account's path; the server keeps its hash. A phone remembered
     * already for the account is left as it is.
     */
    @PostMapping("/pay/{accountId}/device")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "Remember this phone: it opens this account's portal without the link for a while (opt-in)")
    public ResponseEntity<?> remember(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestParam(name = "remember", required = false) String remember,
                                      HttpServletRequest request) {
        Door door = formDoor(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        if (occupant.link() == null) {
            // the phone's own cookie opened the page: remembering again needs the landlord's live link
            return refuse(request, refusal(HttpStatus.UNAUTHORIZED, "link", "payment-link-invalid"));
        }
        if (!"on".equals(remember)) {
            Refusal refusal = new Refusal(HttpStatus.BAD_REQUEST, texts.text("portal.device.refused.title"),
                    texts.rule(DEVICE_NOT_TICKED, "tick the box first to remember this phone (remember)"),
                    DEVICE_NOT_TICKED);
            if (!wantsHtml(request)) {
                ResponseEntity<ProblemDetail> problem = problem(refusal);
                problem.getBody().setProperty("field", "remember");
                return problem;
            }
            return form(request, HttpStatus.BAD_REQUEST, occupant, token, null, null, AlertsForm.shown(false),
                    new DeviceForm(false, false, refusal));
        }
        ResponseEntity.BodyBuilder back = ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(
                portalAddress(accountId, token) + "&device=remembered#device"));
        if (occupant.device() != null) {
            return back.build();
        }
        TenantId tenant = occupant.tenant();
        RememberedDevices.Remembered remembered = TenantContext.callAs(tenant, () -> devices.remember(tenant,
                occupant.link(), request.getHeader(HttpHeaders.USER_AGENT)));
        log.info("account {} remembered phone {} through link {}", accountId, remembered.deviceId(),
                occupant.link().linkId());
        return back.header(HttpHeaders.SET_COOKIE, phones.remembered(request, accountId, remembered.cookie(),
                Duration.between(Instant.now(), remembered.expiresAt())).toString()).build();
    }

    /**
     * "Forget this phone": the phone's remembering ends (an event, its actor the phone) and its cookie goes. Through
     * the link, the occupant is back on the portal; through the phone alone, on a page that says it is forgotten.
     */
    @PostMapping("/pay/{accountId}/device/forget")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "Forget this phone: it no longer opens this account's portal without the link")
    public ResponseEntity<?> forget(@PathVariable String accountId,
                                    @RequestParam(name = "token", required = false) String token,
                                    HttpServletRequest request) {
        Door door = formDoor(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        if (occupant.device() != null) {
            TenantId tenant = occupant.tenant();
            TenantContext.callAs(tenant, () -> {
                devices.forget(tenant, occupant.device());
                return null;
            });
            log.info("account {} forgot phone {}", accountId, occupant.device().deviceId());
        }
        String gone = phones.dropped(request, accountId).toString();
        if (occupant.link() != null) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, gone).location(
                    URI.create(portalAddress(accountId, token) + "&device=forgotten#device")).build();
        }
        ResponseEntity<String> page = pages.render(HttpStatus.OK, "pay/problem", Map.of(
                "title", texts.text("portal.device.forgotten.title"),
                "reason", texts.text("portal.device.forgotten.reason")));
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header(HttpHeaders.SET_COOKIE, gone).body(page.getBody());
    }

    /** The rule of a "remember this phone" posted without its box ticked. */
    static final String DEVICE_NOT_TICKED = "device-remember-not-ticked";

    /** The portal's address again, with the live token if the page was opened with one. */
    private static String portalAddress(String accountId, String token) {
        return "/pay/" + accountId + "?token=" + (token == null ? ""
                : java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The alerts section's state on one page view: saved just now, or refused with what was typed. */
    private record AlertsForm(boolean saved, Refusal refused, String field, String email, String phone,
                              boolean byEmail, boolean bySms) {
        static AlertsForm shown(boolean saved) {
            return new AlertsForm(saved, null, null, null, null, false, false);
        }
    }

    /**
     * The occupant's own low-balance alerts, by e-mail, SMS, both or none (opting out). The addresses go into the
     * deletable contact table only, never into an event or a log line; a chosen channel left blank keeps the address
     * chosen before. A refusal names its field and rule, and nothing is kept.
     */
    @PostMapping("/pay/{accountId}/alerts")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The occupant's own low-balance alerts by e-mail or SMS (opt-in; none chosen opts out)")
    public ResponseEntity<?> chooseAlerts(@PathVariable String accountId,
                                          @RequestParam(name = "token", required = false) String token,
                                          @RequestParam(name = "byEmail", required = false) String byEmail,
                                          @RequestParam(name = "email", required = false) String email,
                                          @RequestParam(name = "bySms", required = false) String bySms,
                                          @RequestParam(name = "phone", required = false) String phone,
                                          HttpServletRequest request) {
        Door door = formDoor(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        TenantId tenant = occupant.tenant();
        AccountId account = new AccountId(accountId);
        OccupantContacts store = contacts.getIfAvailable();
        if (store == null) {
            return refuse(request, refusal(HttpStatus.NOT_FOUND, "alerts-off", "notifications-disabled"));
        }
        Optional<AlertChoice> before = TenantContext.callAs(tenant, () -> store.alertChoice(tenant, account));
        // a channel kept on with its field left blank keeps the address given before (the page never shows it whole)
        String mail = blank(email) && byEmail != null ? before.map(AlertChoice::email).orElse(email) : email;
        String number = blank(phone) && bySms != null ? before.map(AlertChoice::phone).orElse(phone) : phone;
        // channels: only what the landlord offers can be chosen; the refusal names the box
        switch (AlertChoiceRule.judge(offered(tenant), byEmail != null, mail, bySms != null, number)) {
            case AlertChoiceRule.Refused refused -> {
                Refusal refusal = new Refusal(HttpStatus.BAD_REQUEST, texts.text("portal.alerts.refused.title"),
                        texts.text("portal.alerts.refused." + refused.rule()), refused.rule());
                if (!wantsHtml(request)) {
                    ResponseEntity<ProblemDetail> problem = problem(refusal);
                    problem.getBody().setProperty("field", refused.field());
                    return problem;
                }
                return form(request, HttpStatus.BAD_REQUEST, occupant, token, null, null,
                        new AlertsForm(false, refusal, refused.field(), email, phone, byEmail != null,
                                bySms != null), DeviceForm.shown(null));
            }
            case AlertChoiceRule.Chosen chosen -> {
                String language = LanguageChoice.tag(LocaleContextHolder.getLocale());
                TenantContext.callAs(tenant, () -> store.chooseAlerts(tenant, account,
                        new AlertChoice(chosen.channels(), chosen.email(), chosen.phone(), language, null)));
                // who and what, never the address: personal data stays in its deletable row
                log.info("occupant alerts of account {} chosen through {}: {}", accountId, occupant.actor(),
                        chosen.channels());
            }
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(
                portalAddress(accountId, occupant.token(token)) + "&alerts=saved#alerts")).build();
    }

    /** A form posted through the link: refused when it comes from another site, else the link's own door. */
    private Door formDoor(String accountId, String token, HttpServletRequest request) {
        if (formOrigin.crossSite(request)) {
            SecurityEvents.log("payment_link_refused", "cross-site form post");
            return refusal(HttpStatus.FORBIDDEN, "cross-site", "cross-site-form");
        }
        return open(accountId, token, request);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @PostMapping("/pay/{accountId}/checkout")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The payment page's form: start a Stripe Checkout for the chosen amount and go there")
    public ResponseEntity<?> checkout(@PathVariable String accountId,
                                      @RequestParam(name = "token", required = false) String token,
                                      @RequestParam(name = "presetMinor", required = false) String presetMinor,
                                      @RequestParam(name = "amount", required = false) String amount,
                                      @RequestParam(name = "currency", required = false) String currency,
                                      HttpServletRequest request) {
        Door door = formDoor(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        token = occupant.token(token);
        String accountCurrency = occupant.account().currency();
        if (currency != null && !currency.isBlank() && !currency.equals(accountCurrency)) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    "currency", "currency-mismatch", accountCurrency, currency));
        }
        Optional<Long> minor = minorUnits(presetMinor, amount, Currency.getInstance(accountCurrency));
        if (minor.isEmpty()) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.BAD_REQUEST, "amount",
                    "amount-invalid"));
        }
        PaymentLimits tenantLimits = limits.of(occupant.tenant().value());
        if (!tenantLimits.judge(minor.get()).allowed()) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    "range", PaymentLimits.AMOUNT_RULE, format(tenantLimits.minimumMinor(), accountCurrency),
                    format(tenantLimits.maximumMinor(), accountCurrency)));
        }
        CheckoutService.Started started;
        try {
            started = checkouts.start(occupant.tenant(), new AccountId(accountId), Money.of(minor.get(), accountCurrency),
                    occupant.actor(), occupant.origin());
        } catch (RuleViolation e) {
            return retry(request, occupant, token, amount, new Refusal(HttpStatus.UNPROCESSABLE_ENTITY,
                    texts.text("pay.refused.payment.title"), texts.rule(e), e.rule()));
        } catch (StripeGateway.StripeUnavailable e) {
            return retry(request, occupant, token, amount, refusal(HttpStatus.BAD_GATEWAY, "provider",
                    "payment-provider-unavailable"));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(started.url())).build();
    }

    /**
     * The portal's live balance and supply: an event {@code account} now and after every change account-projection
     * writes of the account or its meter ({@link AccountUpdates}), carrying this one account's figures only. The token is checked when the stream opens; the stream ends after {@link #STREAM_TIMEOUT_MILLIS} and the
     * browser opens it again, so a revoked link stops updating within that time.
     */
    @GetMapping("/pay/{accountId}/events")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The occupant portal's live balance and supply (server-sent events, one account)")
    public Object events(@PathVariable String accountId,
                         @RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
        Door door = open(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return problem(refusal);
        }
        Occupant occupant = (Occupant) door;
        TenantId tenant = occupant.tenant();
        // the events are written outside the request: in the language and zone the stream was opened with
        UiFormat format = formats.current();
        Locale locale = format.locale();
        Thread opener = Thread.currentThread();
        String meter = TenantContext.callAs(tenant, () -> accounts.balance(tenant, accountId)).meterId();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        subscription.set(TenantContext.callAs(tenant, () -> updates.subscribe(tenant, accountId, meter,
                () -> {
            boolean elsewhere = Thread.currentThread() != opener;
            if (elsewhere) {
                LocaleContextHolder.setLocale(locale);
            }
            try {
                AccountQueries.AccountBalance now = TenantContext.callAs(tenant,
                        () -> accounts.balance(tenant, accountId));
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("balance", format.money(now.balanceMinor(), now.currency()));
                figures.put("low", now.depleted() || now.warningLevel() > 0);
                figures.put("supply", texts.in(locale, OccupantPortal.supplyKey(now)));
                figures.put("daysLeft", TenantContext.callAs(tenant,
                        () -> portal.daysLeft(tenant, now)));
                emitter.send(SseEmitter.event().name("account").data(json.writeValueAsString(figures)));
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
            } finally {
                if (elsewhere) {
                    LocaleContextHolder.resetLocaleContext();
                }
            }
        })));
        return streams.track(emitter, () -> close(subscription.get()));
    }

    /**
     * The printable receipt of one credit of the account, by its ledger sequence: a cash-desk or bank-transfer one is
     * the desk's own receipt ({@link OfflineReceiptPages}); an online one shows what the ledger and the payment know.
     */
    @GetMapping("/pay/{accountId}/receipts/{sequence}")
    @PublicEndpoint(PUBLIC)
    @Operation(summary = "The printable receipt (HTML) of one of the occupant's payments")
    public ResponseEntity<?> receipt(@PathVariable String accountId, @PathVariable String sequence,
                                     @RequestParam(name = "token", required = false) String token,
                                     HttpServletRequest request) {
        Door door = open(accountId, token, request);
        if (door instanceof Refusal refusal) {
            return refuse(request, refusal);
        }
        Occupant occupant = (Occupant) door;
        TenantId tenant = occupant.tenant();
        Optional<OccupantPortalQueries.Movement> credit = !SEQUENCE.matcher(sequence).matches() ? Optional.empty()
                : TenantContext.callAs(tenant, () -> portalQueries.credit(tenant, accountId, Long.parseLong(sequence)));
        if (credit.isEmpty()) {
            return refuse(request, refusal(HttpStatus.NOT_FOUND, "receipt", "not-found", sequence));
        }
        String reference = credit.get().reference();
        if (reference != null && reference.startsWith(OfflineReceipt.REFERENCE_PREFIX)) {
            return TenantContext.callAs(tenant, () -> offlineReceipts.render(tenant, accountId,
                    reference.substring(OfflineReceipt.REFERENCE_PREFIX.length())));
        }
        AccountQueries.AccountBalance account = occupant.account();
        OccupantPortalQueries.Place place = TenantContext.callAs(tenant, () -> portalQueries.place(tenant, accountId));
        UiFormat format = formats.current();
        Map<String, Object> model = new HashMap<>();
        model.put("fmt", format);
        model.put("number", accountId + "-" + credit.get().sequence());
        model.put("propertyName", place.propertyName());
        model.put("unitName", place.unitName());
        model.put("accountId", accountId);
        model.put("creditedAt", format.time(credit.get().at()));
        model.put("amount", format.money(credit.get().amountMinor(), account.currency()));
        model.put("balanceAfter", format.money(credit.get().balanceAfterMinor(), account.currency()));
        // online: how Stripe says it was paid (card, WeChat Pay, Alipay), from our own record of the checkout
        Optional<String> paidWith = reference == null ? Optional.empty() : TenantContext.callAs(tenant,
                () -> paymentRecords.find(tenant, reference)).map(record -> "ONLINE_" + record.method().name());
        model.put("method", paidWith.orElse("TOP_UP"));
        model.put("reference", reference);
        model.put("back", occupant.token(token) == null ? "/pay/" + accountId
                : portalAddress(accountId, token));
        return pages.render(HttpStatus.OK, "pay/receipt", model);
    }

    private static void close(AutoCloseable subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception ignored) {
            // ending a subscription query cannot fail in a way worth reporting
        }
    }

    @GetMapping("/pay/success")
    @PublicEndpoint("a static page without any account data")
    @Operation(summary = "Where Stripe Checkout sends the occupant after paying (HTML); it credits nothing itself")
    public ResponseEntity<String> success() {
        return pages.render(HttpStatus.OK, "pay/success", Map.of());
    }

    @GetMapping("/pay/cancel")
    @PublicEndpoint("a static page without any account data")
    @Operation(summary = "Where Stripe Checkout sends the occupant who cancelled (HTML)")
    public ResponseEntity<String> cancel() {
        return pages.render(HttpStatus.OK, "pay/cancel", Map.of());
    }

    /**
     * The occupant a live token, or else this phone's remembered cookie, grants for this account, or why not. A
     * cookie that opens nothing (tampered, unknown, ended, expired, its link revoked, another account's) is refused
     * like a dead link, creates nothing, and is dropped by the answer.
     */
    private Door open(String accountId, String token, HttpServletRequest request) {
        Optional<PaymentLinkGrant> grant = token == null || token.isEmpty() ? Optional.empty()
                : queries.query(new VerifyPaymentLink(token),
                ResponseTypes.optionalInstanceOf(PaymentLinkGrant.class)).join();
        if (grant.isPresent() && !grant.get().opens(accountId)) {
            SecurityEvents.log("payment_link_misused", "link " + grant.get().linkId() + " used for another account");
            return refusal(HttpStatus.NOT_FOUND, "not-found", "not-found", accountId);
        }
        Optional<RememberedDeviceGrant> device = rememberedDevice(accountId, request);
        if (grant.isEmpty() && device.isEmpty()) {
            SecurityEvents.log("payment_link_refused", "invalid, expired or revoked payment link");
            return refusal(HttpStatus.UNAUTHORIZED, "link", "payment-link-invalid");
        }
        TenantId tenant = grant.map(PaymentLinkGrant::tenant).orElseGet(() -> device.get().tenant());
        if (grant.isPresent() && device.isPresent() && !device.get().tenant().sameAs(tenant.value())) {
            return refusal(HttpStatus.NOT_FOUND, "not-found", "not-found", accountId);
        }
        // from here on the page speaks the tenant's language (unless the occupant chose) and keeps its clock
        TenantPreferences.forTenant(tenant.value());
        AccountQueries.AccountBalance account = TenantContext.callAs(tenant, () -> accounts.balance(tenant, accountId));
        if (account.closedAt() != null) {
            return refusal(HttpStatus.UNPROCESSABLE_ENTITY, "closed", "account-closed");
        }
        return new Occupant(tenant, grant.orElse(null), device.orElse(null), account);
    }

    /** This phone's live grant for the account from its cookie; a cookie that opens nothing is marked to be dropped. */
    private Optional<RememberedDeviceGrant> rememberedDevice(String accountId, HttpServletRequest request) {
        return switch (phones.of(accountId, request)) {
            case RememberedPhones.Opens opens -> Optional.of(opens.grant());
            case RememberedPhones.OpensNothing ignored -> {
                request.setAttribute(DEAD_COOKIE, accountId);
                yield Optional.empty();
            }
            case RememberedPhones.NotRemembered ignored -> Optional.empty();
        };
    }

    private ResponseEntity<?> form(HttpServletRequest request, HttpStatus status, Occupant occupant, String token,
                                   String amount, Refusal error, AlertsForm alerts, DeviceForm device) {
        token = occupant.token(token);
        AccountQueries.AccountBalance account = occupant.account();
        String tenant = occupant.tenant().value();
        String currency = account.currency();
        Map<String, Object> model = new HashMap<>();
        model.put("accountId", account.accountId());
        model.put("unitId", account.unitId());
        model.put("fmt", formats.current());
        model.put("balance", format(account.balanceMinor(), currency));
        model.put("low", account.depleted() || account.warningLevel() > 0);
        model.put("supplyOff", account.state().supply().confirmed() == AccountState.Position.OFF);
        model.putAll(TenantContext.callAs(occupant.tenant(),
                () -> portal.model(occupant.tenant(), account, formats.current())));
        PaymentLimits tenantLimits = limits.of(tenant);
        model.put("presets", tenantLimits.presetsMinor().stream().map(p -> new Preset(p, format(p, currency))).toList());
        model.put("minimum", format(tenantLimits.minimumMinor(), currency));
        model.put("maximum", format(tenantLimits.maximumMinor(), currency));
        model.put("currency", currency);
        // card, and WeChat Pay and Alipay where the landlord chose them and the currency allows (Checkout offers them)
        model.put("methods", TenantContext.callAs(occupant.tenant(), () -> checkouts.methodsFor(occupant.tenant(),
                Money.of(tenantLimits.minimumMinor(), currency))).stream().map(Enum::name).toList());
        model.put("token", token);
        model.put("amount", amount == null ? "" : amount);
        model.put("error", error == null ? null : error.reason());
        alertsModel(model, occupant, alerts);
        // this phone: remembered until when, or the offer to remember it (through a live link only)
        model.put("deviceRemembered", occupant.device() != null);
        UiFormat shown = formats.current();
        model.put("deviceUntil", occupant.device() == null ? null
                : shown.day(occupant.device().expiresAt().atZone(shown.zone()).toLocalDate()));
        model.put("deviceOffered", occupant.device() == null && occupant.link() != null);
        model.put("deviceDays", devices.timeToLive().toDays());
        model.put("deviceJustRemembered", device.remembered() && occupant.device() != null);
        model.put("deviceJustForgotten", device.forgotten() && occupant.device() == null);
        model.put("deviceError", device.refused() == null ? null : device.refused().reason());
        ResponseEntity<String> page = pages.render(status, "pay/page", model);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header("Content-Security-Policy", csp);
        dropDeadCookie(request, answer);
        return answer.body(page.getBody());
    }

    /** A device cookie that opened nothing is removed from the browser (its row, if any, stays as it was). */
    private void dropDeadCookie(HttpServletRequest request, ResponseEntity.HeadersBuilder<?> answer) {
        if (request.getAttribute(DEAD_COOKIE) instanceof String accountId) {
            answer.header(HttpHeaders.SET_COOKIE, phones.dropped(request, accountId).toString());
        }
    }

    /** The alerts section: what the occupant chose (addresses shown in part only: the link may be forwarded). */
    private void alertsModel(Map<String, Object> model, Occupant occupant, AlertsForm form) {
        OccupantContacts store = contacts.getIfAvailable();
        model.put("alertsOffered", store != null);
        if (store == null) {
            return;
        }
        TenantId tenant = occupant.tenant();
        Optional<AlertChoice> choice = TenantContext.callAs(tenant,
                () -> store.alertChoice(tenant, new AccountId(occupant.account().accountId())));
        // channels: the boxes of the channels the landlord offers, and no other
        Set<Channel> offered = offered(tenant);
        model.put("alertOfferEmail", offered.contains(Channel.EMAIL));
        model.put("alertOfferSms", offered.contains(Channel.SMS));
        // refused: the boxes as the occupant ticked them, so correcting one field is all it takes
        model.put("alertByEmail", form.refused() != null ? form.byEmail()
                : choice.map(c -> c.channels().contains(Channel.EMAIL)).orElse(false));
        model.put("alertBySms", form.refused() != null ? form.bySms()
                : choice.map(c -> c.channels().contains(Channel.SMS)).orElse(false));
        model.put("alertsOn", choice.map(AlertChoice::any).orElse(false));
        model.put("alertEmailShown", choice.map(AlertChoice::email).map(Masked::email).orElse(null));
        model.put("alertPhoneShown", choice.map(AlertChoice::phone).map(Masked::phone).orElse(null));
        model.put("alertsSaved", form.saved());
        model.put("alertsError", form.refused() == null ? null : form.refused().reason());
        model.put("alertsField", form.field());
        model.put("alertEmailTyped", form.refused() == null ? "" : form.email() == null ? "" : form.email());
        model.put("alertPhoneTyped", form.refused() == null ? "" : form.phone() == null ? "" : form.phone());
    }

    /** channels: the landlord's offered channels now; the standard (e-mail and SMS) where no one keeps them. */
    private Set<Channel> offered(TenantId tenant) {
        OfferedChannels of = offeredChannels.getIfAvailable(OfferedChannels::standard);
        return TenantContext.callAs(tenant, () -> of.of(tenant));
    }

    /** The form again with the reason, for a browser; a problem for anything else. Nothing was created. */
    private ResponseEntity<?> retry(HttpServletRequest request, Occupant occupant, String token, String amount,
                                    Refusal refusal) {
        return wantsHtml(request) ? form(request, refusal.status(), occupant, token, amount, refusal,
                AlertsForm.shown(false), DeviceForm.shown(null)) : problem(refusal);
    }

    private ResponseEntity<?> refuse(HttpServletRequest request, Refusal refusal) {
        ResponseEntity<?> refused = wantsHtml(request) ? pages.render(refusal.status(), "pay/problem",
                Map.of("title", refusal.title(), "reason", refusal.reason())) : problem(refusal);
        if (request.getAttribute(DEAD_COOKIE) == null) {
            return refused;
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders());
        dropDeadCookie(request, answer);
        return answer.body(refused.getBody());
    }

    /** The problem in the occupant's language ({@code title}, {@code detail}); {@code rule} stays a stable code. */
    private static ResponseEntity<ProblemDetail> problem(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.reason());
        problem.setTitle(refusal.title());
        problem.setProperty("rule", refusal.rule());
        return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /** A preset (minor units) or a typed amount in major units with at most the currency's decimals. */
    private static Optional<Long> minorUnits(String presetMinor, String amount, Currency currency) {
        try {
            if (presetMinor != null && !presetMinor.isBlank()) {
                return Optional.of(Long.parseLong(presetMinor.strip()));
            }
            if (amount == null) {
                return Optional.empty();
            }
            String typed = amount.strip().replace(',', '.');
            if (!AMOUNT.matcher(typed).matches()) {
                return Optional.empty();
            }
            BigDecimal major = new BigDecimal(typed);
            if (major.scale() > currency.getDefaultFractionDigits()) {
                return Optional.empty();
            }
            return Optional.of(major.movePointRight(currency.getDefaultFractionDigits()).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** An amount as the occupant's language writes it ({@code 25.00 CNY}, {@code ¥25.00}). */
    private String format(long minor, String currency) {
        return formats.current().money(minor, currency);
    }
}
