package org.keepalived4j.config.model;

import org.keepalived4j.config.Origin;

/**
 * A keyword keepalived accepts that this implementation parses but does not act on yet.
 * The daemon lists these loudly at startup: never silently ignored.
 *
 * @param path  the keyword with its enclosing blocks, e.g. {@code vrrp_instance VI_1 > use_vmac}
 */
public record Unmodelled(String path, Origin origin) {
}
