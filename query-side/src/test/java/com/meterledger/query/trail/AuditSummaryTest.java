package com.meterledger.query.trail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSummaryTest {
    private final AuditTrailProjection projection = new AuditTrailProjection(null,
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void aSummaryNamesTheEventInWordsAndItsFieldsWithIdsAndMoneyAsValues() {
        Money eur = new Money(2500, Currency.getInstance("EUR"));
        AccountCredited credited = new AccountCredited(new AccountId("acc-1"), eur, "r-7", 3L,
                new Money(4000, Currency.getInstance("EUR")), Instant.parse("2026-03-01T10:00:00Z"));

        String summary = projection.summary("AccountCredited", credited);

        assertThat(summary).isEqualTo("Account credited: accountId=acc-1, amount=2500 EUR, reference=r-7, "
                + "purchaseSequence=3, balanceAfter=4000 EUR, creditedAt=2026-03-01T10:00:00Z");
    }

    @Test
    void decimalsReadAsPlainNumbersNeverInScientificNotation() {
        record Measured(BigDecimal quantity, BigDecimal price, BigDecimal tiny) {
        }

        String summary = projection.summary("QuantityMeasured",
                new Measured(new BigDecimal("1E+1"), new BigDecimal("2.50"), new BigDecimal("1E-7")));

        assertThat(summary).isEqualTo("Quantity measured: quantity=10, price=2.50, tiny=0.0000001");
    }

    @Test
    void givenAFewCodesInAListWhenSummarisedThenTheyAreSpelledAndLongOrFreeTextListsAreCounted() {
        record Granted(List<String> roles, List<String> properties, List<String> notes, List<Integer> numbers) {
        }

        String summary = projection.summary("RolesGranted", new Granted(List.of("FINANCE", "AUDITOR"), List.of(),
                List.of("a note, with words"), List.of(1, 2)));

        assertThat(summary).isEqualTo("Roles granted: roles=[FINANCE AUDITOR], notes=1 items, numbers=2 items");
    }
}
