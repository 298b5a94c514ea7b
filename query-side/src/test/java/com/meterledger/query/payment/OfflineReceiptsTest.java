package com.meterledger.query.payment;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.ClaimReceiptNumber;
import com.meterledger.api.payment.FindOfflineReceipt;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.api.payment.ReleaseReceiptNumber;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.support.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline receipts against a real PostgreSQL: a receipt number is claimed before its top-up, completed by the
 * credit, and never pays two accounts. Handlers are called as their buses call them, as the tables' owner.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class OfflineReceiptsTest {
    private static final Instant CREDITED = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    JdbcClient jdbc;

    OfflineReceipts receipts;
    String tenant;

    @BeforeEach
    void aTenantOfItsOwn() {
        receipts = new OfflineReceipts(jdbc);
        tenant = "t-" + UUID.randomUUID();
    }

    @Test
    void aClaimedReceiptIsCompletedByItsCreditWithTheBalanceAfter() {
        assertThat(claim("R-1", "acc-1", 2500)).isEmpty();
        assertThat(find("R-1")).hasValueSatisfying(receipt -> {
            assertThat(receipt.credited()).isFalse();
            assertThat(receipt.recordedBy()).isEqualTo("finance@demo");
        });

        receipts.on(credit("acc-1", 2500, "receipt:R-1"), tenant);

        OfflineReceipt credited = find("R-1").orElseThrow();
        assertThat(credited.credited()).isTrue();
        assertThat(credited.creditedAt()).isEqualTo(CREDITED);
        assertThat(credited.balanceAfterMinor()).isEqualTo(12_500L);
    }

    @Test
    void aClaimedNumberAnswersTheReceiptHoldingItSoTheSenderCanTellTheSamePaymentFromAnother() {
        claim("R-2", "acc-1", 2500);

        OfflineReceipt held = claim("R-2", "acc-1", 2500).orElseThrow();
        assertThat(held.sameRequestAs(request("R-2", "acc-1", 2500))).isTrue();
        assertThat(held.sameRequestAs(request("R-2", "acc-1", 2600))).isFalse();
        assertThat(held.sameRequestAs(request("R-2", "acc-2", 2500))).isFalse();
    }

    @Test
    void aCreditOfAnotherAccountUnderAClaimedNumberCannotCommit() {
        claim("R-3", "acc-1", 2500);

        assertThatThrownBy(() -> receipts.on(credit("acc-2", 2500, "receipt:R-3"), tenant))
                .isInstanceOf(IllegalStateException.class);
        assertThat(find("R-3").orElseThrow().credited()).isFalse();
    }

    @Test
    void aReleasedClaimFreesItsNumberButACreditedReceiptIsNeverReleased() {
        claim("R-4", "acc-1", 2500);
        receipts.handle(new ReleaseReceiptNumber("R-4"), tenant);
        assertThat(find("R-4")).isEmpty();

        claim("R-5", "acc-1", 2500);
        receipts.on(credit("acc-1", 2500, "receipt:R-5"), tenant);
        receipts.handle(new ReleaseReceiptNumber("R-5"), tenant);
        assertThat(find("R-5")).hasValueSatisfying(receipt -> assertThat(receipt.credited()).isTrue());
    }

    @Test
    void aManualTopUpWhoseReferenceOnlyLooksLikeAReceiptIsLeftAlone() {
        receipts.on(credit("acc-1", 2500, "receipt:never-claimed"), tenant);

        assertThat(find("never-claimed")).isEmpty();
    }

    private Optional<OfflineReceipt> claim(String number, String account, long amount) {
        return receipts.handle(request(number, account, amount), tenant, "finance@demo");
    }

    private Optional<OfflineReceipt> find(String number) {
        return receipts.handle(new FindOfflineReceipt(new TenantId(tenant), number));
    }

    private static ClaimReceiptNumber request(String number, String account, long amount) {
        return new ClaimReceiptNumber(number, account, "unit-1", "CASH", amount, "EUR", null);
    }

    private static AccountCredited credit(String account, long amount, String reference) {
        return new AccountCredited(new AccountId(account), Money.of(amount, "EUR"), reference, null,
                Money.of(10_000 + amount, "EUR"), CREDITED);
    }
}
