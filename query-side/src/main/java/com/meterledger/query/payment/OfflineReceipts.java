package com.meterledger.query.payment;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.payment.ClaimReceiptNumber;
import com.meterledger.api.payment.FindOfflineReceipt;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.api.payment.ReleaseReceiptNumber;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Table offline_receipt (V111): the receipts of cash-desk and bank-transfer payments. A receipt number is claimed
 * ({@link ClaimReceiptNumber}) before its top-up is sent, and completed by {@link #on} with the credit's balance and
 * time inside the transaction that credits the account (a subscribing processor whose errors propagate): a credit
 * without its receipt, or a receipt number used on two accounts, cannot be committed. Every handler runs in its
 * bus's transaction, as the tenant of the message (or of the caller who sent it).
 */
@ProcessingGroup(OfflineReceipts.PROCESSING_GROUP)
public class OfflineReceipts {
    static final String PROCESSING_GROUP = "offline-receipts";

    private final JdbcClient jdbc;

    public OfflineReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @CommandHandler
    Optional<OfflineReceipt> handle(ClaimReceiptNumber claim, @MetaDataValue(MetadataKeys.TENANT) String tenant,
                                    @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        return claim(new TenantId(tenant), claim, actor);
    }

    @CommandHandler
    void handle(ReleaseReceiptNumber release, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
        release(new TenantId(tenant), release.receiptNumber());
    }

    @QueryHandler
    Optional<OfflineReceipt> handle(FindOfflineReceipt query) {
        return find(query.tenantId(), query.receiptNumber());
    }

    /** @return empty when the number was free and is now claimed, else the receipt holding it */
    private Optional<OfflineReceipt> claim(TenantId tenant, ClaimReceiptNumber claim, String actor) {
        int inserted = jdbc.sql("""
                        insert into offline_receipt (tenant_id, receipt_number, account_id, unit_id, method, amount_minor,
                            currency, purchase_sequence, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, receipt_number) do nothing""")
                .params(tenant.value(), claim.receiptNumber(), claim.accountId(), claim.unitId(), claim.method(),
                        claim.amountMinor(), claim.currency(), claim.purchaseSequence(), actor)
                .update();
        return inserted == 1 ? Optional.empty() : find(tenant, claim.receiptNumber());
    }

    /** A claim whose top-up was refused is given up, so the number stays free; a credited receipt is never touched. */
    private void release(TenantId tenant, String receiptNumber) {
        jdbc.sql("delete from offline_receipt where tenant_id = ? and receipt_number = ? and credited_at is null")
                .params(tenant.value(), receiptNumber).update();
    }

    private Optional<OfflineReceipt> find(TenantId tenant, String receiptNumber) {
        return jdbc.sql("select * from offline_receipt where tenant_id = ? and receipt_number = ?")
                .params(tenant.value(), receiptNumber)
                .query((rs, row) -> new OfflineReceipt(rs.getString("tenant_id"), rs.getString("receipt_number"),
                        rs.getString("account_id"), rs.getString("unit_id"), rs.getString("method"),
                        rs.getLong("amount_minor"), rs.getString("currency"),
                        (Long) rs.getObject("purchase_sequence"), rs.getString("recorded_by"),
                        instant(rs.getTimestamp("recorded_at")), instant(rs.getTimestamp("credited_at")),
                        (Long) rs.getObject("balance_after_minor")))
                .optional();
    }

    /**
     * Runs in the crediting transaction (its tenant is bound); a receipt claimed for another account fails it. A
     * manual top-up whose reference merely looks like a receipt (no claim at all) is left alone.
     */
    @EventHandler
    void on(AccountCredited event, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
        if (event.reference() == null || !event.reference().startsWith(OfflineReceipt.REFERENCE_PREFIX)) {
            return;
        }
        String number = event.reference().substring(OfflineReceipt.REFERENCE_PREFIX.length());
        int completed = jdbc.sql("""
                        update offline_receipt set credited_at = ?, balance_after_minor = ?
                        where tenant_id = ? and receipt_number = ? and account_id = ? and amount_minor = ?
                          and credited_at is null""")
                .params(Timestamp.from(event.creditedAt()), event.balanceAfter().minorUnits(), tenant, number,
                        event.accountId().value(), event.amount().minorUnits())
                .update();
        if (completed == 0 && jdbc.sql("select count(*) from offline_receipt where tenant_id = ? and receipt_number = ?")
                .params(tenant, number).query(Long.class).single() > 0) {
            // the number is another account's (or already credited): this credit must not commit
            throw new IllegalStateException("receipt " + number + " is not claimed for this credit");
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        OfflineReceipts offlineReceipts(JdbcClient jdbc) {
            return new OfflineReceipts(jdbc);
        }

        /** Subscribing, errors propagating: the receipt is completed in the crediting transaction or nothing is. */
        @Bean
        ConfigurerModule offlineReceiptsProcessor() {
            return configurer -> configurer.eventProcessing(processing -> processing
                    .registerSubscribingEventProcessor(PROCESSING_GROUP)
                    .registerListenerInvocationErrorHandler(PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
        }
    }
}
