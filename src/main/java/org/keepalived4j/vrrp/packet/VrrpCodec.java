package org.keepalived4j.vrrp.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.keepalived4j.util.InternetChecksum;

/**
 * Encodes and decodes the VRRP message (the IP payload). Pure: no sockets, no clocks.
 *
 * <pre>
 *  0                   1                   2                   3
 *  |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
 *  v2: | Auth Type |  Adver Int (s) |  v3: |(rsvd)| Max Adver Int (cs, 12 bits)|
 *  |          Checksum             |  IPvX addresses ...  | v2/IPv4: 8 bytes auth data
 * </pre>
 *
 * Checksums: VRRPv2 over the message alone (RFC 3768 §5.3.8); VRRPv3 over an IPv4 or IPv6
 * pseudo-header plus the message (RFC 5798 §5.2.8), unless {@code v3ChecksumAsV2} (keepalived's
 * option for peers that compute it without the pseudo-header); IPv6 always uses the IPv6
 * pseudo-header (the kernel's IPV6_CHECKSUM, as keepalived uses it).
 */
public final class VrrpCodec {

    /** A decoded advertisement, or why it was dropped. */
    public sealed interface Decoded {
        record Ok(VrrpPacket packet) implements Decoded {
        }

        /** @param detail the field and its values, e.g. "checksum 0x1a2b, expected 0x3c4d" */
        record Dropped(DropReason reason, String detail) implements Decoded {
        }
    }

    private VrrpCodec() {
    }

    /** The length of a message with {@code naddr} addresses. */
    public static int messageLength(int version, boolean ipv6, int naddr) {
        return 8 + naddr * (ipv6 ? 16 : 4) + (version == 2 && !ipv6 ? 8 : 0);
    }

    /**
     * Encode with the checksum filled in.
     *
     * @param src the IP source the packet will carry (pseudo-header)
     * @param dst the IP destination (pseudo-header)
     */
    public static byte[] encode(VrrpPacket p, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2) {
        boolean ipv6 = src instanceof Inet6Address;
        byte[] b = new byte[messageLength(p.version(), ipv6, p.addresses().size())];
        b[0] = (byte) ((p.version() << 4) | VrrpPacket.TYPE_ADVERTISEMENT);
        b[1] = (byte) p.vrid();
        b[2] = (byte) p.priority();
        b[3] = (byte) p.addresses().size();
        if (p.version() == 2) {
            b[4] = (byte) p.authType();
            b[5] = (byte) p.advertInterval();
        } else {
            b[4] = (byte) ((p.advertInterval() >>> 8) & 0x0f);
            b[5] = (byte) p.advertInterval();
        }
        int off = 8;
        for (InetAddress a : p.addresses()) {
            byte[] raw = a.getAddress();
            System.arraycopy(raw, 0, b, off, raw.length);
            off += raw.length;
        }
        if (p.version() == 2 && !ipv6) {
            byte[] auth = p.authData();
            System.arraycopy(auth, 0, b, off, Math.min(8, auth.length));
        }
        int sum = checksum(b, p.version(), src, dst, v3ChecksumAsV2);
        b[6] = (byte) (sum >>> 8);
        b[7] = (byte) sum;
        return b;
    }

    /** Null when the checksum of a whole message (length already checked) is right; else why not. */
    public static Decoded.Dropped checksumError(byte[] msg, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2) {
        int version = (msg[0] & 0xff) >>> 4;
        if (checksum(msg, version, src, dst, v3ChecksumAsV2) == 0) {
            return null;
        }
        int stored = ((msg[6] & 0xff) << 8) | (msg[7] & 0xff);
        byte[] zeroed = msg.clone();
        zeroed[6] = 0;
        zeroed[7] = 0;
        int want = checksum(zeroed, version, src, dst, v3ChecksumAsV2);
        return new Decoded.Dropped(DropReason.BAD_CHECKSUM, String.format(
                "Invalid VRRPv%d checksum 0x%04x, expected 0x%04x", version, stored, want));
    }

    /** The checksum over a message whose checksum field is zero (or, to verify, the stored one: result 0). */
    static int checksum(byte[] msg, int version, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2) {
        boolean ipv6 = src instanceof Inet6Address;
        long sum = 0;
        if (ipv6 || (version == 3 && !v3ChecksumAsV2)) {
            byte[] s = src.getAddress();
            byte[] d = dst.getAddress();
            sum = InternetChecksum.add(sum, s, 0, s.length);
            sum = InternetChecksum.add(sum, d, 0, d.length);
            sum += VrrpPacket.IPPROTO_VRRP;   // zero byte + protocol (IPv4) / next header (IPv6)
            sum += msg.length;                // VRRP length (IPv4 16 bits; IPv6 upper-layer length)
        }
        return InternetChecksum.finish(InternetChecksum.add(sum, msg, 0, msg.length));
    }

    /**
     * Decode and validate a message, checks in keepalived's order (vrrp_check_packet()):
     * length, version, type, exact length for the address count, checksum.
     */
    public static Decoded decode(byte[] b, int off, int len, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2) {
        return decode(b, off, len, src, dst, v3ChecksumAsV2, true);
    }

    /**
     * As {@link #decode(byte[], int, int, InetAddress, InetAddress, boolean)}; without
     * {@code verifyChecksum} the checksum is left for {@link #checksumError} (keepalived checks it
     * after the authentication, which matters with AH: a corrupted packet is an auth failure).
     */
    public static Decoded decode(byte[] b, int off, int len, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2,
                                 boolean verifyChecksum) {
        boolean ipv6 = src instanceof Inet6Address;
        if (len < 8) {
            return new Decoded.Dropped(DropReason.TOO_SHORT, "VRRP packet too short: " + len + " bytes");
        }
        int version = (b[off] & 0xff) >>> 4;
        int type = b[off] & 0x0f;
        if (version != 2 && version != 3) {
            return new Decoded.Dropped(DropReason.BAD_VERSION, "version " + version + ", expected 2 or 3");
        }
        if (type != VrrpPacket.TYPE_ADVERTISEMENT) {
            return new Decoded.Dropped(DropReason.BAD_TYPE, "type " + type + ", expected 1");
        }
        int naddr = b[off + 3] & 0xff;
        int expected = messageLength(version, ipv6, naddr);
        if (len != expected) {
            return new Decoded.Dropped(DropReason.WRONG_LENGTH, "length " + len + ", expected " + expected
                    + " for " + naddr + " address(es)");
        }
        byte[] msg = Arrays.copyOfRange(b, off, off + len);
        Decoded.Dropped bad = verifyChecksum ? checksumError(msg, src, dst, v3ChecksumAsV2) : null;
        if (bad != null) {
            return bad;
        }
        int authType = version == 2 ? msg[4] & 0xff : 0;
        int interval = version == 2 ? msg[5] & 0xff : ((msg[4] & 0x0f) << 8) | (msg[5] & 0xff);
        List<InetAddress> addrs = new ArrayList<>(naddr);
        int alen = ipv6 ? 16 : 4;
        try {
            for (int i = 0; i < naddr; i++) {
                addrs.add(InetAddress.getByAddress(Arrays.copyOfRange(msg, 8 + i * alen, 8 + (i + 1) * alen)));
            }
        } catch (UnknownHostException e) {
            return new Decoded.Dropped(DropReason.WRONG_LENGTH, "bad address field");
        }
        byte[] auth = version == 2 && !ipv6 ? Arrays.copyOfRange(msg, 8 + naddr * 4, 16 + naddr * 4) : new byte[0];
        return new Decoded.Ok(new VrrpPacket(version, msg[1] & 0xff, msg[2] & 0xff, authType, interval, addrs, auth));
    }
}
