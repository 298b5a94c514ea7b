package com.meterledger.core.supply;

import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.SupplyTrigger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The supply-control process: money events of an account become supply decisions on its meter. The tenant
 * travels with the commands through correlation metadata.
 */
@ProcessingGroup(SupplyControl.PROCESSING_GROUP)
public class SupplyControl {
    public static final String PROCESSING_GROUP = "supply-control";

    private final CommandGateway commands;

    public SupplyControl(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(BalanceDepleted event) {
        commands.sendAndWait(new EvaluateSupply(event.meterId(), event.accountId(), SupplyTrigger.DEPLETED));
    }

    /** A meter swapped while the account was depleted is installed with supply on: the policy decides again. */
    @EventHandler
    void on(MeterReplaced event) {
        if (event.accountDepleted()) {
            commands.sendAndWait(new EvaluateSupply(event.newMeterId(), event.accountId(), SupplyTrigger.DEPLETED));
        }
    }

    @EventHandler
    void on(ReconnectLevelReached event) {
        commands.sendAndWait(new EvaluateSupply(event.meterId(), event.accountId(),
                SupplyTrigger.RECONNECT_LEVEL_REACHED));
    }
}
