package org.keepalived4j.net.ipvs;

import java.util.Optional;

/** A service as the kernel reports it in a dump, with its counters when the kernel sent them. */
public record IpvsServiceEntry(IpvsService service, Optional<IpvsStats> stats) {
}
