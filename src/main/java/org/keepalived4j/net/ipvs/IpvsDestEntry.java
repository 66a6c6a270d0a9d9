package org.keepalived4j.net.ipvs;

import java.util.Optional;

/** A destination as the kernel reports it in a dump: connection counts and counters, read-only. */
public record IpvsDestEntry(IpvsDest dest, long activeConns, long inactiveConns, long persistentConns,
                            Optional<IpvsStats> stats) {
}
