package com.meterledger.api.people;

import java.util.UUID;

/**
 * A person who signs in, by an opaque id: the same in every tenant the person works for. Events and tokens name a
 * person by this id only; the name, e-mail and password hash stay in the deletable person table.
 */
public record PersonId(UUID value) {
    public PersonId {
        if (value == null) {
            throw new IllegalArgumentException("person id is required");
        }
    }

    public static PersonId parse(String text) {
        try {
            return new PersonId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("person id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
