package com.meterledger.api.account;

import com.meterledger.api.tariff.TariffId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose private tariff a tariff is, from its id and name alone: what a property manager's tariff list relies on. */
class PrivateTariffTest {
    @Test
    void givenTheIdAndNameAnAccountsFlatPriceGivesItsTariffTheOwnerIsThatAccount() {
        AccountId account = new AccountId("a-101");

        assertThat(OpenAccount.ownerOfPrivateTariff(OpenAccount.privateTariffOf(account),
                OpenAccount.privateTariffName(account))).contains(account);
    }

    @Test
    void givenAnAccountIdTooLongForThePlainPrefixTheHashedIdStillNamesItsOwner() {
        AccountId account = new AccountId("a-" + "x".repeat(61));

        assertThat(OpenAccount.privateTariffOf(account).value()).hasSizeLessThanOrEqualTo(64);
        assertThat(OpenAccount.ownerOfPrivateTariff(OpenAccount.privateTariffOf(account),
                OpenAccount.privateTariffName(account))).contains(account);
    }

    @Test
    void givenASharedTariffOrANameThatDoesNotMatchItsIdThereIsNoOwner() {
        AccountId account = new AccountId("a-101");

        assertThat(OpenAccount.ownerOfPrivateTariff(new TariffId("residential-2026"), "Residential 2026")).isEmpty();
        assertThat(OpenAccount.ownerOfPrivateTariff(new TariffId("residential-2026"),
                OpenAccount.privateTariffName(account))).isEmpty();
        assertThat(OpenAccount.ownerOfPrivateTariff(OpenAccount.privateTariffOf(account), "Flat A-101")).isEmpty();
        assertThat(OpenAccount.ownerOfPrivateTariff(new TariffId("flat.x"), "flat price of account  spaced\u0001"))
                .isEmpty();
    }
}
