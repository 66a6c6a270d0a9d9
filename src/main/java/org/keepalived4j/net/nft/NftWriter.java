package org.keepalived4j.net.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one nfnetlink message, pure: {@code nlmsghdr (16) | nfgenmsg (4) | nlattr...}
 * (linux/netlink.h, linux/netfilter/nfnetlink.h). The netlink header is in host byte order;
 * nf_tables wants its 32-bit attribute values in network order ({@link #u32}), as libnftnl puts
 * them. Attributes are padded to 4 bytes with zeros (not counted in nla_len); nested ones carry
 * NLA_F_NESTED.
 */
final class NftWriter {
    private ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    /**
     * @param type  nlmsg_type: (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_*, or a batch marker
     * @param flags NLM_F_* (NLM_F_REQUEST included by the caller)
     * @param family nfgenmsg.nfgen_family (NFPROTO_*)
     * @param resId  nfgenmsg.res_id (big endian): NFNL_SUBSYS_NFTABLES in batch markers, else 0
     */
    NftWriter(int type, int flags, int seq, int family, int resId) {
        b.putInt(0);                    // nlmsg_len, set by finish()
        b.putShort((short) type);
        b.putShort((short) flags);
        b.putInt(seq);
        b.putInt(0);                    // nlmsg_pid: 0, the kernel fills in ours
        b.put((byte) family);           // nfgenmsg.nfgen_family
        b.put((byte) NftConstants.NFNETLINK_V0);
        b.put((byte) (resId >>> 8)).put((byte) resId);   // res_id, network order
    }

    /** A request to nf_tables: NFNL_SUBSYS_NFTABLES << 8 | msg. */
    static NftWriter request(int msg, int flags, int seq, int family) {
        return new NftWriter(NftConstants.NFNL_SUBSYS_NFTABLES << 8 | msg, NftConstants.NLM_F_REQUEST | flags, seq,
                family, 0);
    }

    private static int align(int n) {
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

    NftWriter bytes(int type, byte[] data) {
        int len = 4 + data.length;
        room(align(len));
        int start = b.position();
        b.putShort((short) len).putShort((short) type).put(data);
        while (b.position() < start + align(len)) {
            b.put((byte) 0);
        }
        return this;
    }

    /** A 32-bit value in network byte order (nf_tables reads them with ntohl()). */
    NftWriter u32(int type, int v) {
        return bytes(type, ByteBuffer.allocate(4).putInt(v).array());
    }

    /** A C string with its NUL. */
    NftWriter string(int type, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[a.length + 1];
        System.arraycopy(a, 0, z, 0, a.length);
        return bytes(type, z);
    }

    NftWriter nest(int type) {
        room(4);
        nests.push(b.position());
        b.putShort((short) 0).putShort((short) (type | NftConstants.NLA_F_NESTED));
        return this;
    }

    NftWriter end() {
        int start = nests.pop();
        b.putShort(start, (short) (b.position() - start));
        return this;
    }

    /** {@code nest(type) + NFTA_DATA_VALUE(bytes) + end()}: struct nft_data with a value. */
    NftWriter dataValue(int type, byte[] value) {
        return nest(type).bytes(NftConstants.NFTA_DATA_VALUE, value).end();
    }

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
