package org.keepalived4j.config.model;

import java.util.List;

import org.keepalived4j.config.Origin;

/**
 * {@code virtual_server_group NAME { IP [PORT] | IP-END [PORT] | IP/LEN [PORT] | fwmark N }}.
 *
 * @param entries each entry as written, one per line (expanded by the LVS planner)
 */
public record VirtualServerGroupConfig(String name, List<List<String>> entries, Origin origin) {
    public VirtualServerGroupConfig {
        entries = entries.stream().map(List::copyOf).toList();
    }
}
