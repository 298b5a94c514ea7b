package com.meterledger.api.error;

/**
 * Thrown when an id is unknown to the caller's tenant. A foreign tenant's id gets exactly this answer too,
 * so nobody learns that it exists.
 */
public class NotFound extends RuntimeException {
    public NotFound(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
