package org.keepalived4j.net.route;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one rtnetlink request, pure: {@code nlmsghdr (16) | 12-byte family header | rtattr...}
 * (linux/netlink.h, linux/rtnetlink.h). Host byte order unless a method says otherwise; every
 * attribute padded to 4 bytes (RTA_ALIGN), the padding not counted in {@code rta_len}. Nested
 * attributes ({@link #nest(int)}) carry no NLA_F_NESTED flag, as keepalived and iproute2 send them.
 */
final class RtMessage {
    static final int NLMSG_HDRLEN = 16;
    static final int FAMILY_HDRLEN = 12;

    private ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    /**
     * @param header the 12 bytes of struct rtmsg or struct fib_rule_hdr
     */
    RtMessage(int type, int flags, int seq, byte[] header) {
        b.putInt(0);                    // nlmsg_len, set by finish()
        b.putShort((short) type);       // nlmsg_type
        b.putShort((short) flags);      // nlmsg_flags
        b.putInt(seq);                  // nlmsg_seq
        b.putInt(0);                    // nlmsg_pid: the kernel
        b.put(header);
    }

    static int align(int n) {
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

    RtMessage bytes(int type, byte[] data) {
        int len = 4 + data.length;
        room(align(len));
        int start = b.position();
        b.putShort((short) len).putShort((short) type).put(data);
        while (b.position() < start + align(len)) {
            b.put((byte) 0);
        }
        return this;
    }

    RtMessage u8(int type, int v) {
        return bytes(type, new byte[] {(byte) v});
    }

    RtMessage u16(int type, int v) {
        return bytes(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    RtMessage u32(int type, long v) {
        return bytes(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) v).array());
    }

    /** A 64-bit value in network byte order (tunnel ids: the kernel reads them with nla_get_be64). */
    RtMessage u64Be(int type, long v) {
        return bytes(type, ByteBuffer.allocate(8).putLong(v).array());
    }

    RtMessage address(int type, InetAddress a) {
        return bytes(type, a.getAddress());
    }

    /** A C string with its terminating NUL. */
    RtMessage string(int type, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[a.length + 1];
        System.arraycopy(a, 0, z, 0, a.length);
        return bytes(type, z);
    }

    /** Opens a nested attribute; {@link #end()} closes it and writes its length. */
    RtMessage nest(int type) {
        room(4);
        nests.push(b.position());
        b.putShort((short) 0).putShort((short) type);
        return this;
    }

    RtMessage end() {
        int start = nests.pop();
        b.putShort(start, (short) (b.position() - start));
        return this;
    }

    /** Current length: a struct rtnexthop writer needs offsets. */
    int position() {
        return b.position();
    }

    /** Raw bytes (struct rtnexthop), padded to 4. */
    RtMessage raw(byte[] data) {
        room(align(data.length));
        int start = b.position();
        b.put(data);
        while (b.position() < start + align(data.length)) {
            b.put((byte) 0);
        }
        return this;
    }

    /** Overwrites a 16-bit host-order value written earlier (rtnh_len). */
    RtMessage patchShort(int offset, int v) {
        b.putShort(offset, (short) v);
        return this;
    }

    /** The finished message with its {@code nlmsg_len}. */
    byte[] finish() {
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
