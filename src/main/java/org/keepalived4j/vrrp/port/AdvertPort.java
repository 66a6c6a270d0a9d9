package org.keepalived4j.vrrp.port;

import java.io.IOException;
import java.net.InetAddress;

/** Sends VRRP messages (raw IP, protocol 112). */
public interface AdvertPort {
    /**
     * Send one VRRP message.
     *
     * @param ifname  the interface to send on
     * @param src     the IP source address
     * @param dst     the multicast group or a unicast peer
     * @param message the VRRP message (checksum included)
     * @param ttl     IPv4 TTL / IPv6 hop limit
     */
    void send(String ifname, InetAddress src, InetAddress dst, byte[] message, int ttl) throws IOException;
}
