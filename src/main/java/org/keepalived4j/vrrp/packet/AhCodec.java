package org.keepalived4j.vrrp.packet;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * VRRPv2 "IPsec AH" authentication as keepalived 2.2.7 implements it (vrrp_build_ip4(),
 * vrrp_build_ipsecah(), vrrp_update_pkt(), vrrp_in_chk_ipsecah()); IPv4 only. Pure.
 *
 * <pre>
 *  IPv4 header (20 bytes, protocol 51 = IPPROTO_AH, TOS 0xc0, id never 0, no DF)
 *  AH (RFC 2402 §2, 24 bytes):
 *    +0  next header     112 (IPPROTO_VRRP)
 *    +1  payload length  4   (32-bit words minus 2 for a 96-bit ICV)
 *    +2  reserved        0
 *    +4  SPI             the IPv4 source address, as its 4 bytes
 *    +8  sequence number 32 bits, big-endian
 *    +12 ICV             12 bytes: HMAC-MD5 truncated to 96 bits
 *  VRRPv2 message (auth type 2, its 8-byte authentication field all zero)
 * </pre>
 *
 * The ICV is HMAC-MD5 keyed with the 8-byte auth_pass field (the password, zero padded) over
 * the IP header with TOS, flags/fragment offset and checksum zeroed (and the TTL too when the
 * instance uses unicast peers), then the AH header with a zero ICV, then the VRRP message. The
 * identification field is covered, which is why it is never sent as 0 (the kernel would fill
 * it in and invalidate the digest).
 */
public final class AhCodec {
    public static final int IPPROTO_AH = 51;
    /** Bytes of the AH header keepalived sends (12 fixed + 12 ICV). */
    public static final int AH_LENGTH = 24;
    public static final int ICV_LENGTH = 12;
    /** keepalived's IPSEC_AH_PLEN. */
    public static final int PAYLOAD_LEN = 4;
    /** auth_pass is kept in an 8-byte field: the HMAC key. */
    public static final int KEY_LENGTH = 8;

    /**
     * A received AH header.
     *
     * @param spi      unsigned 32 bits, as on the wire (big-endian)
     * @param sequence unsigned 32 bits
     */
    public record AhHeader(int nextHeader, int payloadLen, long spi, long sequence, byte[] icv) {
        public AhHeader {
            icv = icv.clone();
        }

        @Override
        public byte[] icv() {
            return icv.clone();
        }
    }

    private AhCodec() {
    }

    /** The HMAC key from auth_pass: its first 8 bytes, zero padded (vrrp_auth_pass_handler()). */
    public static byte[] key(String authPass) {
        byte[] p = authPass.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(p, KEY_LENGTH);
    }

    /**
     * The whole datagram keepalived sends for an AH-authenticated advert.
     *
     * @param identification IPv4 id, 1..65535
     * @param sequence       AH sequence number (unsigned 32 bits)
     * @param vrrp           the VRRPv2 message, checksum included
     * @param unicast        the instance has unicast peers (then the TTL is left out of the ICV)
     */
    public static byte[] encode(int identification, int ttl, Inet4Address src, Inet4Address dst, long sequence,
                                byte[] vrrp, byte[] key, boolean unicast) {
        byte[] payload = new byte[AH_LENGTH + vrrp.length];
        payload[0] = (byte) VrrpPacket.IPPROTO_VRRP;
        payload[1] = PAYLOAD_LEN;
        System.arraycopy(src.getAddress(), 0, payload, 4, 4);   // SPI = source address
        put32(payload, 8, sequence);
        System.arraycopy(vrrp, 0, payload, AH_LENGTH, vrrp.length);
        byte[] d = Ipv4Header.build(Ipv4Header.TOS_VRRP, identification, ttl, IPPROTO_AH, src, dst, payload);
        byte[] icv = icv(d, Ipv4Header.MIN_LENGTH, d.length, key, unicast);
        System.arraycopy(icv, 0, d, Ipv4Header.MIN_LENGTH + 12, ICV_LENGTH);
        return d;
    }

    /** The AH header that follows an IPv4 header of {@code ihl} bytes; null when the datagram is too short. */
    public static AhHeader parse(byte[] datagram, int ihl, int len) {
        if (len < ihl + AH_LENGTH) {
            return null;
        }
        return new AhHeader(datagram[ihl] & 0xff, datagram[ihl + 1] & 0xff, u32(datagram, ihl + 4),
                u32(datagram, ihl + 8), Arrays.copyOfRange(datagram, ihl + 12, ihl + AH_LENGTH));
    }

    /**
     * The 12-byte ICV of a datagram (IPv4 header of {@code ihl} bytes, AH, VRRP; {@code len} bytes
     * in all), computed with the mutable fields and the ICV field zeroed, whatever they hold.
     */
    public static byte[] icv(byte[] datagram, int ihl, int len, byte[] key, boolean unicast) {
        byte[] b = Arrays.copyOf(datagram, len);
        b[1] = 0;                   // TOS
        b[6] = 0;                   // flags + fragment offset
        b[7] = 0;
        b[10] = 0;                  // header checksum
        b[11] = 0;
        if (unicast) {
            b[8] = 0;               // TTL (keepalived: only with unicast peers)
        }
        Arrays.fill(b, ihl + 12, ihl + AH_LENGTH, (byte) 0);
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return Arrays.copyOf(mac.doFinal(b), ICV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /** True when the datagram's ICV is the one {@code key} gives (constant-time comparison). */
    public static boolean verify(byte[] datagram, int ihl, int len, byte[] key, boolean unicast) {
        byte[] want = icv(datagram, ihl, len, key, unicast);
        return MessageDigest.isEqual(Arrays.copyOfRange(datagram, ihl + 12, ihl + AH_LENGTH), want);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    private static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
