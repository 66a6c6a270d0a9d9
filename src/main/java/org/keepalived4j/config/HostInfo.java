package org.keepalived4j.config;

import java.util.Set;

/**
 * What validation needs to know about the machine: its interfaces and its short host name
 * (the default config id and router_id). A port so tests can describe any host.
 *
 * @param interfaces names of the network interfaces that exist
 * @param hostName   the short host name (up to the first '.')
 */
public record HostInfo(Set<String> interfaces, String hostName) {

    public HostInfo {
        interfaces = Set.copyOf(interfaces);
    }
}
