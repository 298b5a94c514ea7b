package com.meterledger.ui.receipt;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.payment.FindOfflineReceipt;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.ui.HtmlPages;
import com.meterledger.gateway.notification.Amounts;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The printable receipt (HTML) of a credited offline payment, for the API and the web UI alike. */
@Component
public class OfflineReceiptPages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final QueryGateway queries;
    private final HtmlPages pages;

    public OfflineReceiptPages(QueryGateway queries, HtmlPages pages) {
        this.queries = queries;
        this.pages = pages;
    }

    /** The receipt of this account under this number once it is credited, else 404. */
    public ResponseEntity<String> render(TenantId tenant, String accountId, String receiptNumber) {
        OfflineReceipt receipt = queries.query(new FindOfflineReceipt(tenant, receiptNumber),
                        ResponseTypes.optionalInstanceOf(OfflineReceipt.class)).join()
                .filter(r -> r.accountId().equals(accountId) && r.credited())
                .orElseThrow(() -> new NotFound("receipt", receiptNumber));
        return pages.render(HttpStatus.OK, "receipts/receipt", Map.of(
                "tenant", receipt.tenant(),
                "receipt", receipt,
                "method", receipt.method().equals("CASH") ? "Cash" : "Bank transfer",
                "amount", Amounts.format(Money.of(receipt.amountMinor(), receipt.currency())),
                "balanceAfter", Amounts.format(Money.of(receipt.balanceAfterMinor(), receipt.currency())),
                "creditedAt", TIME.format(receipt.creditedAt())));
    }
}
