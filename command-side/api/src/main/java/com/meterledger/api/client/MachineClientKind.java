package com.meterledger.api.client;

/**
 * What a machine client is for, which bounds the roles it may hold: an {@code API} client (an integration or a
 * script) holds tenant roles its creator may grant; a {@code GATEWAY} client holds the gateway role alone, which
 * submits readings and acknowledgements and nothing else.
 */
public enum MachineClientKind {
    API, GATEWAY
}
