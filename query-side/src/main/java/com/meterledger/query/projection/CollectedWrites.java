package com.meterledger.query.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a projection's {@code @EventHandler} whose writes all go through its {@link ProjectionWriteBatch.Writes}
 * (collected for the batch, sent when it commits) and that reads nothing those collected rows could have changed. The
 * event types of such handlers are the projection's collected types ({@link ProjectionWriteBatch.Writes#collects});
 * every other event first sends what was collected and runs in a savepoint of its own. Without this mark a handler is
 * treated as writing at once: always correct, only slower.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CollectedWrites {
}
