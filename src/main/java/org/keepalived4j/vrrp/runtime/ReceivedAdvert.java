package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;

/**
 * A VRRP datagram as the socket delivered it.
 *
 * @param ifname  the interface it arrived on
 * @param src     IP source
 * @param dst     IP destination
 * @param ttl     IPv4 TTL / IPv6 hop limit
 * @param message the VRRP message (IP payload), exactly as long as the IP header says
 */
public record ReceivedAdvert(String ifname, InetAddress src, InetAddress dst, int ttl, byte[] message) {
}
