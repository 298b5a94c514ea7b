package com.meterledger.api.error;

/**
 * Thrown when an id is unknown to the caller's tenant. A foreign tenant's id gets exactly this answer too,
 * so nobody learns that it exists.
 */
public class NotFound extends RuntimeException {
    private final String what;
    private final String id;

    public NotFound(String what, Object id) {
        super(what + " " + id + " was not found");
        this.what = what;
        this.id = String.valueOf(id);
    }

    /** The kind of thing asked for ({@code account}, {@code property}), for a page to name in its reader's words. */
    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
