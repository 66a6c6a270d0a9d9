package org.keepalived4j.net.ipvs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.keepalived4j.net.LinuxConstants;

/**
 * Builds one generic netlink request (linux/netlink.h, linux/genetlink.h), pure:
 * {@code nlmsghdr (16) | genlmsghdr (4) | nlattr...}. Host byte order except where a method
 * says network order ({@code *Be}); every attribute is padded to 4 bytes (NLA_ALIGN), the
 * padding not counted in {@code nla_len}; nested attributes carry NLA_F_NESTED.
 */
final class NlMessageWriter {
    static final int NLMSG_HDRLEN = 16;
    static final int NLA_HDRLEN = 4;

    private ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    /**
     * A message to {@code type} (a generic netlink family id) with the generic header.
     *
     * @param flags NLM_F_* flags (NLM_F_REQUEST is not added for you)
     */
    NlMessageWriter(int type, int flags, int seq, int cmd, int version) {
        b.putInt(0);                    // nlmsg_len, set by finish()
        b.putShort((short) type);       // nlmsg_type
        b.putShort((short) flags);      // nlmsg_flags
        b.putInt(seq);                  // nlmsg_seq
        b.putInt(0);                    // nlmsg_pid: 0, the kernel fills in the sender's port id
        b.put((byte) cmd);              // genlmsghdr.cmd
        b.put((byte) version);          // genlmsghdr.version
        b.putShort((short) 0);          // genlmsghdr.reserved
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

    NlMessageWriter bytes(int type, byte[] data) {
        int len = NLA_HDRLEN + data.length;
        room(align(len));
        int start = b.position();
        b.putShort((short) len).putShort((short) type).put(data);
        while (b.position() < start + align(len)) {
            b.put((byte) 0);
        }
        return this;
    }

    NlMessageWriter u8(int type, int v) {
        return bytes(type, new byte[] {(byte) v});
    }

    NlMessageWriter u16(int type, int v) {
        return bytes(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    /** A 16-bit value in network byte order (ports: the kernel reads them with nla_get_be16). */
    NlMessageWriter u16Be(int type, int v) {
        return bytes(type, new byte[] {(byte) (v >>> 8), (byte) v});
    }

    NlMessageWriter u32(int type, long v) {
        return bytes(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) v).array());
    }

    /** A 32-bit value in network byte order. */
    NlMessageWriter u32Be(int type, long v) {
        return bytes(type, ByteBuffer.allocate(4).putInt((int) v).array());
    }

    /** A C string: the bytes and a terminating NUL, as nla_put_string(). */
    NlMessageWriter string(int type, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[a.length + 1];
        System.arraycopy(a, 0, z, 0, a.length);
        return bytes(type, z);
    }

    /** Opens a nested attribute; {@link #end()} closes it and writes its length. */
    NlMessageWriter nest(int type) {
        room(NLA_HDRLEN);
        nests.push(b.position());
        b.putShort((short) 0).putShort((short) (type | LinuxConstants.NLA_F_NESTED));
        return this;
    }

    NlMessageWriter end() {
        int start = nests.pop();
        b.putShort(start, (short) (b.position() - start));
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
