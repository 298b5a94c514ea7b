package com.meterledger.api.supply;

/**
 * Why a meter is deemed reachable again, so that the supply reconciler stops backing off it. A reading from the meter
 * and a confirmed command are signals too, but they are events of the meter already and need no naming here.
 */
public enum ReachabilitySignal {
    /** the gateway that relays the meter was heard from (heartbeat or any uplink) after it had been offline */
    GATEWAY_BACK_ONLINE,
    /** the meter was attached to a gateway (a new one, or the same one under a new address) */
    GATEWAY_ATTACHED,
    /** the meter answered a command after it had been abandoned: the answer came late, but it came */
    LATE_ACKNOWLEDGEMENT
}
