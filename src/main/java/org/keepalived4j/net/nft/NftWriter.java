package org.keepalived4j.net.nft;

import org.keepalived4j.net.NetlinkWriter;

/**
 * nfnetlink messages on the shared {@link NetlinkWriter}: {@code nlmsghdr (16) | nfgenmsg (4) |
 * nlattr...} (linux/netfilter/nfnetlink.h). nf_tables wants its 32-bit attribute values in
 * network order ({@code u32Be}), as libnftnl puts them; nested attributes carry NLA_F_NESTED.
 */
final class NftWriter {
    private NftWriter() {
    }

    /**
     * @param type   nlmsg_type: (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_*, or a batch marker
     * @param flags  NLM_F_* (NLM_F_REQUEST included by the caller)
     * @param family nfgenmsg.nfgen_family (NFPROTO_*)
     * @param resId  nfgenmsg.res_id (big endian): NFNL_SUBSYS_NFTABLES in batch markers, else 0
     */
    static NetlinkWriter message(int type, int flags, int seq, int family, int resId) {
        byte[] nfgenmsg = {(byte) family, (byte) NftConstants.NFNETLINK_V0, (byte) (resId >>> 8), (byte) resId};
        return new NetlinkWriter(type, flags, seq, nfgenmsg, true);
    }

    /** A request to nf_tables: NFNL_SUBSYS_NFTABLES << 8 | msg. */
    static NetlinkWriter request(int msg, int flags, int seq, int family) {
        return message(NftConstants.NFNL_SUBSYS_NFTABLES << 8 | msg, NftConstants.NLM_F_REQUEST | flags, seq, family,
                0);
    }
}
