package com.meterledger.core.supply;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a meter should have, from its account's standing now: cut-off 0, reconnect 100 throughout. */
class SupplyIntentTest {
    private static final AccountId ACCOUNT = new AccountId("a-1");

    private static AccountStanding account(long balance, boolean depleted) {
        return new AccountStanding(ACCOUNT, balance, 0, 100, depleted, true);
    }

    private static SupplyIntent.Verdict intent(AccountStanding account) {
        return SupplyIntent.of(account, false, false, null);
    }

    @Test
    void atOrAboveTheReconnectLevelSupplyIsOnEvenIfTheDepletionIsStillRecorded() {
        assertThat(intent(account(100, false)).target()).isEqualTo(SupplyIntent.Target.ON);
        assertThat(intent(account(100, true)).rule()).isEqualTo(SupplyIntent.ABOVE_RECONNECT_LEVEL);
    }

    @Test
    void betweenTheLevelsAnAccountNotDepletedStaysOnAndADepletedOneIsHeldAsItIs() {
        assertThat(intent(account(50, false)).target()).isEqualTo(SupplyIntent.Target.ON);
        SupplyIntent.Verdict held = intent(account(50, true));
        assertThat(held.target()).isEqualTo(SupplyIntent.Target.HOLD);
        assertThat(held.rule()).isEqualTo(SupplyIntent.BELOW_RECONNECT_LEVEL);
    }

    @Test
    void aDepletedAccountAtItsCutOffIsOffUnlessProtectionTheWindowOrAnOperatorsRestoreHoldsIt() {
        assertThat(intent(account(0, true)).target()).isEqualTo(SupplyIntent.Target.OFF);
        assertThat(intent(account(-500, true)).rule()).isEqualTo(SupplyIntent.AT_CUT_OFF);
        assertThat(SupplyIntent.of(account(0, true), true, true, null).rule()).isEqualTo(SupplyIntent.KEEP_ON);
        assertThat(SupplyIntent.of(account(0, true), false, true, null).rule()).isEqualTo(SupplyIntent.FRIENDLY_WINDOW);
        assertThat(SupplyIntent.of(account(0, true), false, false, SupplyAction.RESTORE).rule())
                .isEqualTo(SupplyIntent.OPERATOR_RESTORE);
    }

    @Test
    void anAccountAtItsCutOffWithoutARecordedDepletionIsNotCut() {
        SupplyIntent.Verdict justOpened = intent(account(0, false));
        assertThat(justOpened.target()).isEqualTo(SupplyIntent.Target.HOLD);
        assertThat(justOpened.rule()).isEqualTo(SupplyIntent.NOT_DEPLETED);
    }

    @Test
    void anOperatorsCutStandsWhateverTheBalanceAndNoAccountHoldsEverything() {
        assertThat(SupplyIntent.of(account(5_000, false), false, false, SupplyAction.CUT).rule())
                .isEqualTo(SupplyIntent.OPERATOR_CUT);
        assertThat(intent(new AccountStanding(ACCOUNT, 5_000, 0, 100, false, false)).rule())
                .isEqualTo(SupplyIntent.NO_ACCOUNT);
        assertThat(intent(null).target()).isEqualTo(SupplyIntent.Target.HOLD);
    }

    @Test
    void theCommandNeededDependsOnWhereTheRelayIsHeading() {
        SupplyIntent.Verdict on = intent(account(500, false));
        assertThat(on.commandFrom(SupplyPolicy.Heading.ON)).isEmpty();
        assertThat(on.commandFrom(SupplyPolicy.Heading.OFF)).contains(SupplyAction.RESTORE);
        assertThat(on.commandFrom(SupplyPolicy.Heading.UNKNOWN)).contains(SupplyAction.RESTORE);
        SupplyIntent.Verdict off = intent(account(0, true));
        assertThat(off.commandFrom(SupplyPolicy.Heading.OFF)).isEmpty();
        assertThat(off.commandFrom(SupplyPolicy.Heading.UNKNOWN)).contains(SupplyAction.CUT);
        assertThat(intent(account(50, true)).commandFrom(SupplyPolicy.Heading.UNKNOWN)).isEmpty();
    }

    @Test
    void aStaleTriggerDecidesNothingItsAccountNoLongerStandsFor() {
        SupplyIntent.Verdict toppedUp = intent(account(900, false));
        assertThat(SupplyPolicy.decide(SupplyTrigger.DEPLETED, toppedUp, SupplyPolicy.Heading.ON)).isNull();
        SupplyIntent.Verdict depletedAgain = intent(account(-100, true));
        assertThat(SupplyPolicy.decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, depletedAgain,
                SupplyPolicy.Heading.OFF)).isNull();
    }

    @Test
    void theReconcilersDecisionNamesTheIntentsRule() {
        SupplyPolicy.Verdict restore = SupplyPolicy.decide(SupplyTrigger.RECONCILE, intent(account(900, false)),
                SupplyPolicy.Heading.UNKNOWN);
        assertThat(restore.decision()).isEqualTo(SupplyDecision.RESTORE);
        assertThat(restore.rule()).isEqualTo("reconciled-balance-above-reconnect-level");
        SupplyPolicy.Verdict cut = SupplyPolicy.decide(SupplyTrigger.RECONCILE, intent(account(-1, true)),
                SupplyPolicy.Heading.ON);
        assertThat(cut.decision()).isEqualTo(SupplyDecision.CUT);
        assertThat(cut.rule()).isEqualTo("reconciled-balance-at-cut-off");
        assertThat(SupplyPolicy.decide(SupplyTrigger.RECONCILE, intent(account(900, false)), SupplyPolicy.Heading.ON))
                .isNull();
    }
}
