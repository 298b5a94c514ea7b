package com.meterledger.ui.staff;

import com.meterledger.api.shared.TenantId;
import com.meterledger.core.payment.web.OfflinePayments;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.ui.receipt.OfflineReceiptPages;
import jakarta.validation.Validator;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.stream.Collectors;

/**
 * The account page's offline payments (cash desk, bank transfer) and their printable receipts. The form's amount is
 * a decimal in the account's currency; the rest is {@link OfflinePayments}, which the API records through too, so the
 * limits, the receipt-number idempotency and the account's rules live in one place.
 */
@Controller
public class OfflinePaymentUiController {
    private final OfflinePayments offlinePayments;
    private final OfflineReceiptPages receipts;
    private final AccountQueries accounts;
    private final UiFormat format;
    private final Validator validator;

    public OfflinePaymentUiController(OfflinePayments offlinePayments, OfflineReceiptPages receipts,
                                      AccountQueries accounts, UiFormat format, Validator validator) {
        this.offlinePayments = offlinePayments;
        this.receipts = receipts;
        this.accounts = accounts;
        this.format = format;
        this.validator = validator;
    }

    @PostMapping("/ui/accounts/{accountId}/offline-payments")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE')")
    public String record(TenantId tenant, @PathVariable String accountId, @RequestParam String receiptNumber,
                         @RequestParam String amount, @RequestParam OfflinePayments.Method method,
                         Model model) {
        String currency = accounts.balance(tenant, accountId).currency();
        OfflinePayments.OfflinePaymentRequest request = new OfflinePayments.OfflinePaymentRequest(
                receiptNumber.trim(), format.minor(amount, currency), currency, method, null);
        // the API validates its body with @Valid on the way in; called directly, the same constraints are checked here
        String invalid = validator.validate(request).stream()
                .map(v -> "'" + v.getPropertyPath() + "' " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException(invalid);
        }
        model.addAttribute("recorded", offlinePayments.record(tenant, accountId, request).answer());
        return "ui/offline-payment :: recorded";
    }

    @GetMapping("/ui/accounts/{accountId}/receipts/{receiptNumber}")
    @PreAuthorize("hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR')")
    public ResponseEntity<String> receipt(TenantId tenant, @PathVariable String accountId,
                                          @PathVariable String receiptNumber) {
        return receipts.render(tenant, accountId, receiptNumber);
    }
}
