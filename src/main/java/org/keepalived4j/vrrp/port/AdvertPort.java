package org.keepalived4j.vrrp.port;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Sends VRRP messages (raw IP, protocol 112) and whole IPv4 datagrams (AH, protocol 51). */
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

    /**
     * Send a whole IPv4 datagram built by the caller (IP header, AH header and VRRP message: the
     * AH digest covers the IP header, so the header must go out as built; the kernel only fills
     * in the header checksum). Ports that have no raw IPv4 socket refuse.
     *
     * @param ifname   the interface to send on
     * @param dst      the multicast group or a unicast peer (the datagram's destination)
     * @param datagram the complete datagram
     */
    default void sendIpv4(String ifname, Inet4Address dst, byte[] datagram) throws IOException {
        throw new IOException("this advert port cannot send whole IPv4 datagrams");
    }
}
