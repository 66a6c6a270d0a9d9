package org.keepalived4j.net.ipvs;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * The attributes of one level of a netlink message, by type (flags NLA_F_NESTED and
 * NLA_F_NET_BYTEORDER masked off). Unknown types are kept and ignored by callers, as the
 * kernel's liberal parsing does; a later attribute of the same type replaces an earlier one.
 * Getters check the length and name the attribute: {@code IPVS_SVC_ATTR_PORT: 1 bytes, expected 2}.
 */
final class NlAttrs {
    private final Map<Integer, byte[]> byType;

    private NlAttrs(Map<Integer, byte[]> byType) {
        this.byType = byType;
    }

    /** Parse {@code buf[off, end)} as a sequence of attributes. */
    static NlAttrs parse(byte[] buf, int off, int end, String where) throws ProtocolException {
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        Map<Integer, byte[]> m = new HashMap<>();
        int p = off;
        while (p + NetlinkWriter.NLA_HDRLEN <= end) {
            int len = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & LinuxConstants.NLA_TYPE_MASK;
            if (len < NetlinkWriter.NLA_HDRLEN || p + len > end) {
                throw new ProtocolException(where + ": attribute type " + type + " at offset " + p + " has length "
                        + len + ", only " + (end - p) + " bytes left");
            }
            m.put(type, Arrays.copyOfRange(buf, p + NetlinkWriter.NLA_HDRLEN, p + len));
            p += NetlinkWriter.align(len);
        }
        return new NlAttrs(m);
    }

    boolean has(int type) {
        return byType.containsKey(type);
    }

    Optional<byte[]> raw(int type) {
        return Optional.ofNullable(byType.get(type));
    }

    private byte[] sized(int type, int size, String name) throws ProtocolException {
        byte[] v = byType.get(type);
        if (v == null) {
            throw new ProtocolException(name + ": missing");
        }
        if (v.length < size) {
            throw new ProtocolException(name + ": " + v.length + " bytes, expected " + size);
        }
        return v;
    }

    private static ByteBuffer host(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
    }

    int u8(int type, String name) throws ProtocolException {
        return sized(type, 1, name)[0] & 0xff;
    }

    int u16(int type, String name) throws ProtocolException {
        return host(sized(type, 2, name)).getShort() & 0xffff;
    }

    int u16Be(int type, String name) throws ProtocolException {
        return ByteBuffer.wrap(sized(type, 2, name)).getShort() & 0xffff;
    }

    long u32(int type, String name) throws ProtocolException {
        return host(sized(type, 4, name)).getInt() & 0xffffffffL;
    }

    long u32Be(int type, String name) throws ProtocolException {
        return ByteBuffer.wrap(sized(type, 4, name)).getInt() & 0xffffffffL;
    }

    long u64(int type, String name) throws ProtocolException {
        return host(sized(type, 8, name)).getLong();
    }

    /** Two host-order 32-bit words (e.g. struct ip_vs_flags {flags, mask}). */
    int[] u32Pair(int type, String name) throws ProtocolException {
        ByteBuffer b = host(sized(type, 8, name));
        return new int[] {b.getInt(), b.getInt()};
    }

    /** A string attribute up to its first NUL (or its end). */
    String string(int type, String name) throws ProtocolException {
        byte[] v = sized(type, 0, name);
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.US_ASCII);
    }

    /** The attributes nested in {@code type}. */
    NlAttrs nested(int type, String name) throws ProtocolException {
        byte[] v = sized(type, 0, name);
        return parse(v, 0, v.length, name);
    }
}
