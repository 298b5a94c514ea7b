package com.meterledger.ui.receipt;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.payment.FindOfflineReceipt;
import com.meterledger.api.payment.OfflineReceipt;
import com.meterledger.api.shared.TenantId;
import com.meterledger.ui.HtmlPages;
import com.meterledger.ui.i18n.PageFormats;
import com.meterledger.ui.i18n.TenantPreferences;
import com.meterledger.ui.staff.UiFormat;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The printable receipt (HTML) of a credited offline payment, for the API and the web UI alike: in the reader's
 * language, the moment on the tenant's clock.
 */
@Component
public class OfflineReceiptPages {
    private final QueryGateway queries;
    private final HtmlPages pages;
    private final PageFormats formats;

    public OfflineReceiptPages(QueryGateway queries, HtmlPages pages, PageFormats formats) {
        this.queries = queries;
        this.pages = pages;
        this.formats = formats;
    }

    /** The receipt of this account under this number once it is credited, else 404. */
    public ResponseEntity<String> render(TenantId tenant, String accountId, String receiptNumber) {
        OfflineReceipt receipt = queries.query(new FindOfflineReceipt(tenant, receiptNumber),
                        ResponseTypes.optionalInstanceOf(OfflineReceipt.class)).join()
                .filter(r -> r.accountId().equals(accountId) && r.credited())
                .orElseThrow(() -> new NotFound("receipt", receiptNumber));
        TenantPreferences.forTenant(tenant.value());
        UiFormat format = formats.current();
        return pages.render(HttpStatus.OK, "receipts/receipt", Map.of(
                "tenant", receipt.tenant(),
                "receipt", receipt,
                "fmt", format,
                "amount", format.money(receipt.amountMinor(), receipt.currency()),
                "balanceAfter", format.money(receipt.balanceAfterMinor(), receipt.currency()),
                "creditedAt", format.time(receipt.creditedAt())));
    }
}
