package org.keepalived4j.util;

/** A monotonic clock in microseconds; injected so state machines can be tested without sleeping. */
@FunctionalInterface
public interface Ticker {
    long nowMicros();
}
