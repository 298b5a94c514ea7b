package com.meterledger.api.account;

import com.meterledger.api.account.AccountState.Position;
import com.meterledger.api.account.AccountState.Standing;
import com.meterledger.api.account.AccountState.Supply;
import com.meterledger.api.supply.SupplyAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountStateTest {
    private static final Supply CUT_PENDING = new Supply(Position.ON, SupplyAction.CUT);
    private static final Supply OFF = new Supply(Position.OFF, null);

    private static AccountState of(long balance, long debt, int warningLevel, boolean depleted, boolean closed,
                                   Supply supply) {
        return AccountState.of(new AccountState.Facts(balance, debt, warningLevel, depleted, closed, supply));
    }

    @Test
    void anAccountWithMoneyAndNoWarningIsActiveWithSupplyOnAndOwesNothing() {
        AccountState state = of(5_000, 0, 0, false, false, Supply.ON);

        assertThat(state.standing()).isEqualTo(Standing.ACTIVE);
        assertThat(state.supply().confirmed()).isEqualTo(Position.ON);
        assertThat(state.supply().commanded()).isEqualTo(Position.ON);
        assertThat(state.supply().awaitsConfirmation()).isFalse();
        assertThat(state.arrearsMinor()).isZero();
    }

    @Test
    void aReachedWarningLevelMakesTheAccountLow() {
        assertThat(of(400, 0, 2, false, false, Supply.ON).standing()).isEqualTo(Standing.LOW);
    }

    @Test
    void aDepletedAccountWhoseCutIsPendingIsDepletedWithSupplyStillOnButCommandedOff() {
        AccountState state = of(-13, 0, 2, true, false, CUT_PENDING);

        assertThat(state.standing()).isEqualTo(Standing.DEPLETED);
        assertThat(state.supply().confirmed()).isEqualTo(Position.ON);
        assertThat(state.supply().commanded()).isEqualTo(Position.OFF);
        assertThat(state.supply().awaitsConfirmation()).isTrue();
        assertThat(state.supply().pending()).isEqualTo(SupplyAction.CUT);
    }

    @Test
    void anOverdraftIsArrearsWhileTheAccountIsOpen() {
        assertThat(of(-13, 0, 2, true, false, CUT_PENDING).arrearsMinor()).isEqualTo(13);
    }

    @Test
    void aConfirmedCutMakesTheAccountCutWhateverItsBalance() {
        assertThat(of(-500, 0, 2, true, false, OFF).standing()).isEqualTo(Standing.CUT);
        assertThat(of(9_000, 0, 0, false, false, OFF).standing()).isEqualTo(Standing.CUT);
    }

    @Test
    void aPendingRestoreLeavesTheAccountCutUntilTheMeterConfirmsIt() {
        AccountState state = of(2_000, 0, 0, false, false, new Supply(Position.OFF, SupplyAction.RESTORE));

        assertThat(state.standing()).isEqualTo(Standing.CUT);
        assertThat(state.supply().commanded()).isEqualTo(Position.ON);
    }

    @Test
    void aClosedAccountIsClosedAndStillOwesItsOverdraftAndDebt() {
        AccountState state = of(-300, 200, 2, true, true, OFF);

        assertThat(state.standing()).isEqualTo(Standing.CLOSED);
        assertThat(state.arrearsMinor()).isEqualTo(500);
    }

    @Test
    void registeredDebtCountsInFullEvenWhenThePrepaidBalanceIsPositive() {
        assertThat(of(1_000, 250, 0, false, false, Supply.ON).arrearsMinor()).isEqualTo(250);
    }

    @Test
    void aSupplyWithoutAConfirmedPositionIsRefused() {
        assertThatThrownBy(() -> new Supply(null, SupplyAction.CUT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommandLeavesTheRelayWhereItsActionSays() {
        assertThat(Position.after(SupplyAction.CUT)).isEqualTo(Position.OFF);
        assertThat(Position.after(SupplyAction.RESTORE)).isEqualTo(Position.ON);
    }
}
