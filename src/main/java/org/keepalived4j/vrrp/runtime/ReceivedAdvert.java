package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;

import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;

/**
 * A VRRP datagram as the socket delivered it.
 *
 * @param ifname   the interface it arrived on
 * @param src      IP source
 * @param dst      IP destination
 * @param ttl      IPv4 TTL / IPv6 hop limit
 * @param message  the VRRP message (IP payload, after the AH header if any), exactly as long as the IP header says
 * @param protocol the IPv4 protocol it came with: 112 (VRRP) or 51 (AH); 112 for IPv6
 * @param ipsecAh  with protocol 51: the IPv4 header and the AH header as received (the digest covers them); else empty
 */
public record ReceivedAdvert(String ifname, InetAddress src, InetAddress dst, int ttl, byte[] message, int protocol,
                             byte[] ipsecAh) {

    /** A plain VRRP datagram (IP protocol 112). */
    public ReceivedAdvert(String ifname, InetAddress src, InetAddress dst, int ttl, byte[] message) {
        this(ifname, src, dst, ttl, message, VrrpPacket.IPPROTO_VRRP, new byte[0]);
    }

    /** The IPv4 header length inside {@link #ipsecAh()}. */
    int ipHeaderLength() {
        return (ipsecAh[0] & 0x0f) * 4;
    }

    /** The AH header, or null when this is not an AH datagram. */
    AhCodec.AhHeader ah() {
        return protocol == AhCodec.IPPROTO_AH && ipsecAh.length > 0
                ? AhCodec.parse(ipsecAh, ipHeaderLength(), ipsecAh.length) : null;
    }

    /** The datagram as received: IPv4 header, AH, VRRP message (what the AH digest covers). */
    byte[] ahDatagram() {
        byte[] d = new byte[ipsecAh.length + message.length];
        System.arraycopy(ipsecAh, 0, d, 0, ipsecAh.length);
        System.arraycopy(message, 0, d, ipsecAh.length, message.length);
        return d;
    }
}
