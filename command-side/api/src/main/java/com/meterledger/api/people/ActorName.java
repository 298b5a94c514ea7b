package com.meterledger.api.people;

/**
 * Who an actor id is, as far as the tenant's people and machine clients know it: a {@code name} only for a person
 * who works for the tenant now and for the tenant's own machine clients. A person who left the tenant or was erased
 * is a {@link Kind#FORMER_PERSON} without a name (pages show a neutral label); anything else (a gateway, a process of
 * the platform such as {@code supply-reconciler}, a configured client) is {@link Kind#OTHER}, labelled by the reader.
 */
public record ActorName(String actorId, Kind kind, String name) {
    public enum Kind {
        PERSON, FORMER_PERSON, MACHINE_CLIENT, OTHER
    }

    public static ActorName other(String actorId) {
        return new ActorName(actorId, Kind.OTHER, null);
    }
}
