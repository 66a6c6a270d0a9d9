package org.keepalived4j.config.model;

import org.keepalived4j.config.Origin;

/**
 * {@code track_interface { IF [weight W [reverse]] }}: weight 0 puts the instance in FAULT
 * while the interface is down.
 */
public record TrackedInterface(String name, int weight, boolean reverse, Origin origin) {
}
