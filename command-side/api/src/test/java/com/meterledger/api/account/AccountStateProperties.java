package com.meterledger.api.account;

import com.meterledger.api.account.AccountState.Position;
import com.meterledger.api.account.AccountState.Standing;
import com.meterledger.api.account.AccountState.Supply;
import com.meterledger.api.supply.SupplyAction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the one account state, over any facts a projection may hold. */
class AccountStateProperties {

    @Property
    void arrearsAreNeverNegative(@ForAll("facts") AccountState.Facts facts) {
        assertThat(AccountState.of(facts).arrearsMinor()).isNotNegative();
    }

    @Property
    void anAccountOwesNothingWhenItsBalanceIsNotBelowZeroAndNoDebtIsOutstanding(
            @ForAll("facts") AccountState.Facts facts) {
        AccountState state = AccountState.of(facts);

        assertThat(state.arrearsMinor() == 0).isEqualTo(facts.balanceMinor() >= 0 && facts.debtMinor() == 0);
    }

    @Property
    void arrearsAreTheOverdraftPlusTheDebt(@ForAll("facts") AccountState.Facts facts) {
        assertThat(AccountState.of(facts).arrearsMinor())
                .isEqualTo(Math.max(0, -facts.balanceMinor()) + facts.debtMinor());
    }

    @Property
    void anAccountIsCutExactlyWhenItIsOpenAndItsMeterConfirmedSupplyOff(@ForAll("facts") AccountState.Facts facts) {
        boolean cut = AccountState.of(facts).standing() == Standing.CUT;

        assertThat(cut).isEqualTo(!facts.closed() && facts.supply().confirmed() == Position.OFF);
    }

    @Property
    void aClosedAccountIsClosedWhateverElseIsTrue(@ForAll("facts") AccountState.Facts facts) {
        Standing standing = AccountState.of(facts).standing();

        assertThat(standing == Standing.CLOSED).isEqualTo(facts.closed());
    }

    @Property
    void theSupplyIsCommandedWhereThePendingCommandLeadsElseWhereItIs(@ForAll("facts") AccountState.Facts facts) {
        Supply supply = AccountState.of(facts).supply();

        assertThat(supply.commanded()).isEqualTo(supply.pending() == null ? supply.confirmed()
                : Position.after(supply.pending()));
    }

    @Provide
    Arbitrary<AccountState.Facts> facts() {
        Arbitrary<Supply> supply = Combinators.combine(Arbitraries.of(Position.class),
                Arbitraries.of(SupplyAction.class).injectNull(0.5)).as(Supply::new);
        return Combinators.combine(Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(2, Arbitraries.longs().between(1, 1_000_000_000_000L))),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), Arbitraries.of(true, false),
                supply).as(AccountState.Facts::new);
    }
}
