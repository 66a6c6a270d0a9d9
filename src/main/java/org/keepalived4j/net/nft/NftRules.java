package org.keepalived4j.net.nft;

import static org.keepalived4j.net.nft.NftConstants.*;

import org.keepalived4j.net.NetlinkWriter;

/**
 * keepalived's four kinds of accept-mode rules (vrrp_nftables.c setup_rule(), setup_rule_if(),
 * setup_rule_range_goto(), setup_rule_icmpv6()), as NFT_MSG_NEWRULE requests. Pure.
 */
final class NftRules {
    /** Offsets of the addresses in struct iphdr / struct ip6_hdr. */
    private static final int IPV4_SADDR = 12;
    private static final int IPV4_DADDR = 16;
    private static final int IPV6_SADDR = 8;
    private static final int IPV6_DADDR = 24;
    private static final int IPV6_NEXT_HEADER = 6;

    private NftRules() {
    }

    private static void address(NetlinkWriter w, int family, boolean saddr) {
        if (family == NFPROTO_IPV4) {
            NftMessages.payload(w, NFT_PAYLOAD_NETWORK_HEADER, saddr ? IPV4_SADDR : IPV4_DADDR, 4);
        } else {
            NftMessages.payload(w, NFT_PAYLOAD_NETWORK_HEADER, saddr ? IPV6_SADDR : IPV6_DADDR, 16);
        }
    }

    /** {@code ip daddr @vips drop} / {@code ip saddr @vips drop} (and ip6). */
    static byte[] addressRule(int seq, int family, String table, String chain, String set, boolean saddr,
                              boolean counters) {
        NetlinkWriter w = NftMessages.rule(seq, family, table, chain);
        address(w, family, saddr);
        NftMessages.lookup(w, set);
        NftMessages.counter(w, counters);
        NftMessages.verdict(w, NF_DROP, null);
        return NftMessages.endRule(w);
    }

    /** {@code ip6 daddr . iif[name] @set drop} / {@code ip6 saddr . oif[name] @set drop}. */
    static byte[] interfaceRule(int seq, String table, String chain, String set, boolean saddr, boolean byName,
                                boolean counters) {
        NetlinkWriter w = NftMessages.rule(seq, NFPROTO_IPV6, table, chain);
        address(w, NFPROTO_IPV6, saddr);
        int key = saddr ? (byName ? NFT_META_OIFNAME : NFT_META_OIF) : (byName ? NFT_META_IIFNAME : NFT_META_IIF);
        NftMessages.meta(w, key, NFT_REG_2);
        NftMessages.lookup(w, set);
        NftMessages.counter(w, counters);
        NftMessages.verdict(w, NF_DROP, null);
        return NftMessages.endRule(w);
    }

    /** {@code ip6 daddr fe80::/10 goto CHAIN} (saddr for the output chain). */
    static byte[] linkLocalGoto(int seq, String table, String chain, String target, boolean saddr, boolean counters) {
        NetlinkWriter w = NftMessages.rule(seq, NFPROTO_IPV6, table, chain);
        address(w, NFPROTO_IPV6, saddr);
        byte[] mask = new byte[16];
        mask[0] = (byte) 0xff;
        mask[1] = (byte) 0xc0;
        NftMessages.bitwise(w, mask, new byte[16]);
        byte[] fe80 = new byte[16];
        fe80[0] = (byte) 0xfe;
        fe80[1] = (byte) 0x80;
        NftMessages.cmpEq(w, fe80);
        NftMessages.counter(w, counters);
        NftMessages.verdict(w, NFT_GOTO, target);
        return NftMessages.endRule(w);
    }

    /** {@code icmpv6 type @neighbor-discovery accept}. */
    static byte[] icmpv6Accept(int seq, String table, String chain, String set, boolean counters) {
        NetlinkWriter w = NftMessages.rule(seq, NFPROTO_IPV6, table, chain);
        NftMessages.payload(w, NFT_PAYLOAD_NETWORK_HEADER, IPV6_NEXT_HEADER, 1);
        NftMessages.cmpEq(w, new byte[] {(byte) IPPROTO_ICMPV6});
        NftMessages.payload(w, NFT_PAYLOAD_TRANSPORT_HEADER, 0, 1);
        NftMessages.lookup(w, set);
        NftMessages.counter(w, counters);
        NftMessages.verdict(w, NF_ACCEPT, null);
        return NftMessages.endRule(w);
    }
}
