package org.keepalived4j.vrrp.port;

import java.io.IOException;
import java.net.InetAddress;

/** Announces that this host now owns an address: gratuitous ARP (IPv4), unsolicited NA (IPv6). */
public interface AnnouncePort {
    void announce(String ifname, InetAddress address) throws IOException;
}
