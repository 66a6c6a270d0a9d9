package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.OptionalInt;

import org.keepalived4j.config.Origin;

/** {@code unicast_peer { IP [min_ttl N] [max_ttl N] }}. */
public record UnicastPeer(InetAddress address, OptionalInt minTtl, OptionalInt maxTtl, Origin origin) {
}
