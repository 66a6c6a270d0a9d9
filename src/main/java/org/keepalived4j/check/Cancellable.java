package org.keepalived4j.check;

/** A pending timer or check; after {@link #cancel()} its callback is never called. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
