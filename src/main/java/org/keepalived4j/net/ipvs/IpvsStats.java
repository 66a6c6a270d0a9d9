package org.keepalived4j.net.ipvs;

/**
 * Traffic counters of a service or destination (IPVS_*_ATTR_STATS64, else IPVS_*_ATTR_STATS),
 * read-only. Rates are the kernel's estimates per second.
 */
public record IpvsStats(long conns, long inPackets, long outPackets, long inBytes, long outBytes, long cps,
                        long inPps, long outPps, long inBps, long outBps) {
}
