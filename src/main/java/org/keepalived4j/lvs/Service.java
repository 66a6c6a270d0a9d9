package org.keepalived4j.lvs;

import java.util.Optional;
import java.util.Set;

/**
 * An IPVS service as it should be in the kernel.
 *
 * @param persistenceTimeoutSeconds 0: not persistent
 * @param netmask     persistence granularity (IPv4 mask or IPv6 prefix length), if set
 * @param flags       keepalived's lvs flags by name (ops, sh-port, sh-fallback, mh-port, mh-fallback)
 */
public record Service(ServiceKey key, String scheduler, long persistenceTimeoutSeconds, Optional<String> netmask,
                      Optional<String> persistenceEngine, Set<String> flags) {
    public Service {
        flags = Set.copyOf(flags);
    }
}
