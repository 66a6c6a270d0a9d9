package org.keepalived4j.check;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * The addresses configured on the host's interfaces, as counts (one per interface holding the
 * address), for ha_suspend (keepalived's ha_suspend_addr_count, check_api.c). Single-threaded.
 */
final class HostAddresses {
    private final Map<InetAddress, Integer> counts = new HashMap<>();

    void change(InetAddress address, boolean added) {
        counts.merge(address, added ? 1 : -1, Integer::sum);
        if (counts.get(address) <= 0) {
            counts.remove(address);
        }
    }

    int count(InetAddress address) {
        return counts.getOrDefault(address, 0);
    }

    /** Whether the virtual server's address is on the host (never for a group or fwmark one). */
    boolean present(VirtualServerConfig vs) {
        return vs.address().map(this::count).orElse(0) > 0 && vs.group().isEmpty();
    }

    /**
     * keepalived's addr_matches(): the virtual server's own address. A virtual_server_group never
     * matches (2.2.7 returns false for any vsg before looking at its ranges), and fwmark services
     * cannot use ha_suspend (cleared at config time).
     */
    static boolean matches(VirtualServerConfig vs, InetAddress address) {
        return vs.group().isEmpty() && vs.address().map(address::equals).orElse(false);
    }
}
