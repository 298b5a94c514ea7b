package com.meterledger.gateway.payment;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * Stripe Connect for landlords: a tenant gets one connected (Standard) account, created at Stripe through the port the
 * first time it asks, and onboards through a one-time Account Link. Its state (charges, payouts, details) is Stripe's:
 * fetched on return from onboarding and on every status request, and pushed by the account.updated webhook. Checkouts
 * need charges enabled.
 */
public class StripeConnect {
    private final StripeGateway stripe;
    private final ConnectedAccounts accounts;
    private final ConnectProperties properties;

    public StripeConnect(StripeGateway stripe, ConnectedAccounts accounts, ConnectProperties properties) {
        this.stripe = stripe;
        this.accounts = accounts;
        this.properties = properties;
    }

    public record Onboarding(String connectedAccountId, String url, Instant expiresAt) {
    }

    public record Status(boolean connected, String connectedAccountId, boolean chargesEnabled, boolean payoutsEnabled,
                         boolean detailsSubmitted) {
        static Status of(StripeGateway.ConnectedAccount account) {
            return new Status(true, account.id(), account.chargesEnabled(), account.payoutsEnabled(),
                    account.detailsSubmitted());
        }
    }

    /** Creates the tenant's connected account if it has none, and a fresh onboarding link for it. */
    public Onboarding onboard(TenantId tenant) {
        StripeGateway.ConnectedAccount account = accounts.find(tenant)
                .orElseGet(() -> accounts.save(tenant, stripe.createConnectedAccount(tenant)));
        StripeGateway.OnboardingLink link = stripe.createOnboardingLink(account.id(), properties.refreshUrl(),
                properties.returnUrl());
        return new Onboarding(account.id(), link.url(), link.expiresAt());
    }

    /** The account's state as Stripe reports it now, stored for the checkout rule. */
    public Status refresh(TenantId tenant) {
        return accounts.find(tenant).map(stored -> {
            StripeGateway.ConnectedAccount fetched = stripe.retrieveAccount(stored.id());
            accounts.update(tenant, fetched);
            return Status.of(fetched);
        }).orElse(new Status(false, null, false, false, false));
    }

    /** @return the tenant's connected account, able to take charges */
    public StripeGateway.ConnectedAccount requireReady(TenantId tenant) {
        StripeGateway.ConnectedAccount account = accounts.find(tenant).orElseThrow(() -> new PaymentsNotReady(
                "this tenant has no connected Stripe account: connect one first (POST /api/payments/connect)"));
        if (!account.chargesEnabled()) {
            throw new PaymentsNotReady("the connected Stripe account " + account.id()
                    + " cannot take charges yet: finish its onboarding");
        }
        return account;
    }
}
