package org.keepalived4j.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one netlink request, pure (linux/netlink.h): {@code nlmsghdr (16) | family header |
 * attributes}. The family header is the caller's: struct genlmsghdr (4, {@link #genetlink});
 * struct ifinfomsg (16), ifaddrmsg (8), rtmsg or fib_rule_hdr (12) ({@link #rtnetlink}); struct
 * nfgenmsg (4, the nft package). One writer for the IPVS, route, rule, link, address and
 * nftables codecs.
 * Values are in host byte order unless the method name ends in {@code Be} (network order, for
 * what the kernel reads with nla_get_be16/32/64 or ntohl). Every attribute is padded to 4 bytes
 * (NLA_ALIGN) with zeros, the padding not counted in its length. Nested attributes carry
 * NLA_F_NESTED where the family expects it (generic netlink, nfnetlink) and not where keepalived
 * and iproute2 leave it out (rtnetlink).
 */
public final class NetlinkWriter {
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLA_HDRLEN = 4;
    /** sizeof(struct rtmsg) == sizeof(struct fib_rule_hdr). */
    public static final int RT_HDRLEN = 12;

    private ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();
    private final int nestFlag;

    /**
     * @param flags      NLM_F_* flags (NLM_F_REQUEST is not added for you)
     * @param header     the family header, copied as it is
     * @param nestedFlag whether nested attributes carry NLA_F_NESTED
     */
    public NetlinkWriter(int type, int flags, int seq, byte[] header, boolean nestedFlag) {
        b.putInt(0);                    // nlmsg_len, set by finish()
        b.putShort((short) type);       // nlmsg_type
        b.putShort((short) flags);      // nlmsg_flags
        b.putInt(seq);                  // nlmsg_seq
        b.putInt(0);                    // nlmsg_pid: 0, the kernel fills in the sender's port id
        b.put(header);
        this.nestFlag = nestedFlag ? LinuxConstants.NLA_F_NESTED : 0;
    }

    /** A generic netlink request to family id {@code type}: genlmsghdr {cmd, version, 0}. */
    public static NetlinkWriter genetlink(int type, int flags, int seq, int cmd, int version) {
        return new NetlinkWriter(type, flags, seq, new byte[] {(byte) cmd, (byte) version, 0, 0}, true);
    }

    /** An rtnetlink request with its family header (ifinfomsg, ifaddrmsg, rtmsg, fib_rule_hdr). */
    public static NetlinkWriter rtnetlink(int type, int flags, int seq, byte[] header) {
        return new NetlinkWriter(type, flags, seq, header, false);
    }

    public static int align(int n) {
        return (n + 3) & ~3;
    }

    private void room(int n) {
        if (b.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n))
                    .order(ByteOrder.nativeOrder());
            b.flip();
            bigger.put(b);
            b = bigger;
        }
    }

    private void pad(int start, int len) {
        while (b.position() < start + align(len)) {
            b.put((byte) 0);
        }
    }

    public NetlinkWriter bytes(int type, byte[] data) {
        int len = NLA_HDRLEN + data.length;
        room(align(len));
        int start = b.position();
        b.putShort((short) len).putShort((short) type).put(data);
        pad(start, len);
        return this;
    }

    public NetlinkWriter u8(int type, int v) {
        return bytes(type, new byte[] {(byte) v});
    }

    public NetlinkWriter u16(int type, int v) {
        return bytes(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    public NetlinkWriter u16Be(int type, int v) {
        return bytes(type, new byte[] {(byte) (v >>> 8), (byte) v});
    }

    public NetlinkWriter u32(int type, long v) {
        return bytes(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) v).array());
    }

    public NetlinkWriter u32Be(int type, long v) {
        return bytes(type, ByteBuffer.allocate(4).putInt((int) v).array());
    }

    public NetlinkWriter u64Be(int type, long v) {
        return bytes(type, ByteBuffer.allocate(8).putLong(v).array());
    }

    public NetlinkWriter address(int type, InetAddress a) {
        return bytes(type, a.getAddress());
    }

    /** A C string: the bytes and a terminating NUL, as nla_put_string(). */
    public NetlinkWriter string(int type, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[a.length + 1];
        System.arraycopy(a, 0, z, 0, a.length);
        return bytes(type, z);
    }

    /** Opens a nested attribute; {@link #end()} closes it and writes its length. */
    public NetlinkWriter nest(int type) {
        room(NLA_HDRLEN);
        nests.push(b.position());
        b.putShort((short) 0).putShort((short) (type | nestFlag));
        return this;
    }

    public NetlinkWriter end() {
        int start = nests.pop();
        b.putShort(start, (short) (b.position() - start));
        return this;
    }

    /** {@code nest(type)}, one attribute {@code inner} holding {@code value}, {@code end()}. */
    public NetlinkWriter nested(int type, int inner, byte[] value) {
        return nest(type).bytes(inner, value).end();
    }

    /** Current length: writers of embedded structs (struct rtnexthop) need offsets. */
    public int position() {
        return b.position();
    }

    /** Raw bytes (an embedded struct), padded to 4. */
    public NetlinkWriter raw(byte[] data) {
        room(align(data.length));
        int start = b.position();
        b.put(data);
        pad(start, data.length);
        return this;
    }

    /** Overwrites a 16-bit host-order value written earlier (rtnh_len). */
    public NetlinkWriter patchShort(int offset, int v) {
        b.putShort(offset, (short) v);
        return this;
    }

    /** The finished message with its {@code nlmsg_len}. */
    public byte[] finish() {
        if (!nests.isEmpty()) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        int len = b.position();
        b.putInt(0, len);
        byte[] out = new byte[len];
        b.get(0, out);
        return out;
    }
}
