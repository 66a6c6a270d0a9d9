package org.keepalived4j.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.keepalived4j.util.InternetChecksum;

/**
 * The IPv4 header of a VRRP packet (RFC 791). keepalived writes it itself (IP_HDRINCL):
 * TOS 0xc0, TTL 255 (multicast) or unicast_ttl, an incrementing identification, no DF.
 *
 * @param headerLength bytes (IHL × 4)
 * @param totalLength  header plus payload, bytes
 */
public record Ipv4Header(int headerLength, int tos, int totalLength, int identification, int flagsFragment,
                         int ttl, int protocol, Inet4Address source, Inet4Address destination) {

    public static final int MIN_LENGTH = 20;
    public static final int TOS_VRRP = 0xc0;

    /** Parse the header at the start of a received datagram; null when it is not a valid IPv4 header. */
    public static Ipv4Header parse(byte[] b, int len) {
        if (len < MIN_LENGTH || (b[0] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (b[0] & 0x0f) * 4;
        if (ihl < MIN_LENGTH || ihl > len) {
            return null;
        }
        try {
            return new Ipv4Header(ihl, b[1] & 0xff, u16(b, 2), u16(b, 4), u16(b, 6), b[8] & 0xff, b[9] & 0xff,
                    (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)),
                    (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 16, 20)));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Write a 20-byte header (checksum included) followed by the payload. */
    public static byte[] build(int tos, int identification, int ttl, int protocol, Inet4Address src, Inet4Address dst,
                               byte[] payload) {
        byte[] b = new byte[MIN_LENGTH + payload.length];
        b[0] = 0x45;                       // version 4, IHL 5
        b[1] = (byte) tos;
        put16(b, 2, b.length);             // total length
        put16(b, 4, identification);
        put16(b, 6, 0);                    // flags/fragment offset: no DF
        b[8] = (byte) ttl;
        b[9] = (byte) protocol;
        System.arraycopy(src.getAddress(), 0, b, 12, 4);
        System.arraycopy(dst.getAddress(), 0, b, 16, 4);
        put16(b, 10, InternetChecksum.of(b, 0, MIN_LENGTH));
        System.arraycopy(payload, 0, b, MIN_LENGTH, payload.length);
        return b;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
