package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Table payment_checkout (V60). Every method takes the tenant, so its transaction runs as that tenant under row-level
 * security; {@link #tenantOf} is the one cross-tenant question (see the SQL function payment_checkout_tenant).
 */
public class PaymentRecords {
    private final JdbcClient jdbc;

    public PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(TenantId tenant, PaymentId payment, AccountId account, String checkoutSessionId, Money amount,
                       String createdBy, String connectedAccountId, long applicationFeeMinor) {
        jdbc.sql("""
                        insert into payment_checkout (tenant_id, payment_id, account_id, checkout_session_id, amount_minor,
                                                      currency, created_by, connected_account_id, application_fee_minor)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), payment.value(), account.value(), checkoutSessionId, amount.minorUnits(),
                        amount.currency().getCurrencyCode(), createdBy, connectedAccountId, applicationFeeMinor)
                .update();
    }

    /**
     * When the payment was credited and how it was paid (first success only): the ledger side of the reconciliation,
     * and the method its receipt names.
     */
    @Transactional
    public void markSucceeded(TenantId tenant, String checkoutSessionId, PaymentMethod method) {
        jdbc.sql("""
                        update payment_checkout set succeeded_at = now(), payment_method = ?
                        where tenant_id = ? and checkout_session_id = ? and succeeded_at is null""")
                .params(method.name(), tenant.value(), checkoutSessionId)
                .update();
    }

    /** The record whose checkout session or payment intent has this Stripe id, in this tenant. */
    @Transactional(readOnly = true)
    public Optional<PaymentRecord> find(TenantId tenant, String stripeObjectId) {
        return jdbc.sql("""
                        select * from payment_checkout
                        where tenant_id = ? and (checkout_session_id = ? or payment_intent_id = ?)""")
                .params(tenant.value(), stripeObjectId, stripeObjectId)
                .query((rs, row) -> new PaymentRecord(tenant, new PaymentId(rs.getString("payment_id")),
                        new AccountId(rs.getString("account_id")), rs.getString("checkout_session_id"),
                        rs.getString("payment_intent_id"),
                        Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getString("payment_method") == null ? PaymentMethod.CARD
                                : PaymentMethod.valueOf(rs.getString("payment_method"))))
                .optional();
    }

    /**
     * channels: how each of these checkouts was paid, for those Stripe reported paid (the method's type only: card,
     * WeChat Pay, Alipay; never card data). A checkout of another tenant, or one not paid, is not in the answer.
     */
    @Transactional(readOnly = true)
    public Map<String, PaymentMethod> methodsOf(TenantId tenant, Collection<String> checkoutSessionIds) {
        Map<String, PaymentMethod> methods = new LinkedHashMap<>();
        if (checkoutSessionIds.isEmpty()) {
            return methods;
        }
        jdbc.sql("""
                        select checkout_session_id, payment_method from payment_checkout
                        where tenant_id = ? and checkout_session_id = any(?) and payment_method is not null""")
                .params(tenant.value(), checkoutSessionIds.toArray(String[]::new))
                .query((rs, row) -> methods.put(rs.getString("checkout_session_id"),
                        PaymentMethod.valueOf(rs.getString("payment_method"))))
                .list();
        return methods;
    }

    /** Remembers the payment intent of a paid session, so later charge and refund events map to it as well. */
    @Transactional
    public void attachPaymentIntent(TenantId tenant, String checkoutSessionId, String paymentIntentId) {
        jdbc.sql("""
                        update payment_checkout set payment_intent_id = ?
                        where tenant_id = ? and checkout_session_id = ? and payment_intent_id is null""")
                .params(paymentIntentId, tenant.value(), checkoutSessionId)
                .update();
    }

    /** Which tenant created the checkout with this exact Stripe id; empty for an object we never created. */
    public Optional<TenantId> tenantOf(String stripeObjectId) {
        if (stripeObjectId == null || stripeObjectId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select payment_checkout_tenant(?)").param(stripeObjectId)
                .query(String.class).optional().map(TenantId::new);
    }
}
