package org.keepalived4j.net.nft;

import static org.keepalived4j.net.nft.NftConstants.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.keepalived4j.net.NetlinkWriter;

/**
 * The nf_tables requests keepalived 2.2.7 sends for accept mode (keepalived/core/nftables.c,
 * keepalived/vrrp/vrrp_nftables.c through libnftnl 1.2.4), attribute for attribute in libnftnl's
 * order, so that they equal what keepalived sends byte for byte (NftCapturesTest). Pure.
 */
final class NftMessages {
    private NftMessages() {
    }

    static byte[] batchBegin(int seq) {
        return NftWriter.message(NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, seq, NFPROTO_UNSPEC, NFNL_SUBSYS_NFTABLES)
                .finish();
    }

    static byte[] batchEnd(int seq) {
        return NftWriter.message(NFNL_MSG_BATCH_END, NLM_F_REQUEST, seq, NFPROTO_UNSPEC, NFNL_SUBSYS_NFTABLES)
                .finish();
    }

    /** NFT_MSG_GETTABLE (check_table()), answered by the table or ENOENT. */
    static byte[] getTable(int seq, int family, String table) {
        return NftWriter.request(NFT_MSG_GETTABLE, NLM_F_ACK, seq, family).string(NFTA_TABLE_NAME, table).finish();
    }

    static byte[] newTable(int seq, int family, String table) {
        return NftWriter.request(NFT_MSG_NEWTABLE, NLM_F_CREATE | NLM_F_ACK, seq, family)
                .string(NFTA_TABLE_NAME, table).finish();
    }

    static byte[] delTable(int seq, int family, String table) {
        return NftWriter.request(NFT_MSG_DELTABLE, NLM_F_ACK, seq, family).string(NFTA_TABLE_NAME, table).finish();
    }

    /** {@code nft add chain FAMILY TABLE NAME { type filter hook HOOK priority PRIO; policy accept; }}. */
    static byte[] newBaseChain(int seq, int family, String table, String name, int hook, int priority) {
        return NftWriter.request(NFT_MSG_NEWCHAIN, NLM_F_CREATE | NLM_F_ACK, seq, family)
                .string(NFTA_CHAIN_TABLE, table).string(NFTA_CHAIN_NAME, name)
                .nest(NFTA_CHAIN_HOOK).u32Be(NFTA_HOOK_HOOKNUM, hook).u32Be(NFTA_HOOK_PRIORITY, priority).end()
                .u32Be(NFTA_CHAIN_POLICY, NF_ACCEPT).string(NFTA_CHAIN_TYPE, "filter").finish();
    }

    /** A regular chain (a goto target). */
    static byte[] newChain(int seq, int family, String table, String name) {
        return NftWriter.request(NFT_MSG_NEWCHAIN, NLM_F_CREATE | NLM_F_ACK, seq, family)
                .string(NFTA_CHAIN_TABLE, table).string(NFTA_CHAIN_NAME, name).finish();
    }

    /**
     * setup_set(): a named set; its key byte order goes into the user data as nft reads it back
     * (big endian only for plain address sets).
     *
     * @param flags NFT_SET_* or 0 (not sent when 0)
     */
    static byte[] newSet(int seq, int family, String table, String name, int keyType, int keyLen, int flags, int id) {
        NetlinkWriter w = NftWriter.request(NFT_MSG_NEWSET, NLM_F_CREATE | NLM_F_ACK, seq, family)
                .string(NFTA_SET_TABLE, table).string(NFTA_SET_NAME, name);
        if (flags != 0) {
            w.u32Be(NFTA_SET_FLAGS, flags);
        }
        w.u32Be(NFTA_SET_KEY_TYPE, keyType).u32Be(NFTA_SET_KEY_LEN, keyLen).u32Be(NFTA_SET_ID, id);
        int order = keyType == TYPE_IPADDR || keyType == TYPE_IP6ADDR ? BYTEORDER_BIG_ENDIAN : BYTEORDER_HOST_ENDIAN;
        // struct nftnl_udata: type, length, then the u32 in host order
        byte[] udata = ByteBuffer.allocate(6).order(ByteOrder.nativeOrder())
                .put((byte) UDATA_SET_KEYBYTEORDER).put((byte) 4).putInt(order).array();
        return w.bytes(NFTA_SET_USERDATA, udata).finish();
    }

    /**
     * NFT_MSG_NEWSETELEM / NFT_MSG_DELSETELEM with the keys in order.
     *
     * @param setId the set's id when the set was created in the same batch object (0: not sent)
     */
    static byte[] setElements(int seq, int msg, int flags, int family, String table, String set, int setId,
                              List<byte[]> keys) {
        NetlinkWriter w = NftWriter.request(msg, flags, seq, family).string(NFTA_SET_ELEM_LIST_SET, set);
        if (setId != 0) {
            w.u32Be(NFTA_SET_ELEM_LIST_SET_ID, setId);
        }
        w.string(NFTA_SET_ELEM_LIST_TABLE, table).nest(NFTA_SET_ELEM_LIST_ELEMENTS);
        int i = 1;
        for (byte[] k : keys) {
            // libnftnl numbers the list entries 1, 2, ... (its nest type is the element's index)
            w.nest(i++).nested(NFTA_SET_ELEM_KEY, NFTA_DATA_VALUE, k).end();
        }
        return w.end().finish();
    }

    /** A rule appended to {@code chain}: NFT_MSG_NEWRULE with NLM_F_APPEND. */
    static NetlinkWriter rule(int seq, int family, String table, String chain) {
        return NftWriter.request(NFT_MSG_NEWRULE, NLM_F_APPEND | NLM_F_CREATE | NLM_F_ACK, seq, family)
                .string(NFTA_RULE_TABLE, table).string(NFTA_RULE_CHAIN, chain).nest(NFTA_RULE_EXPRESSIONS);
    }

    /** Closes the expression list of a {@link #rule} and finishes the message. */
    static byte[] endRule(NetlinkWriter w) {
        return w.end().finish();
    }

    private static NetlinkWriter expr(NetlinkWriter w, String name) {
        return w.nest(NFTA_LIST_ELEM).string(NFTA_EXPR_NAME, name).nest(NFTA_EXPR_DATA);
    }

    static void payload(NetlinkWriter w, int base, int offset, int len) {
        expr(w, "payload").u32Be(NFTA_PAYLOAD_DREG, NFT_REG_1).u32Be(NFTA_PAYLOAD_BASE, base)
                .u32Be(NFTA_PAYLOAD_OFFSET, offset).u32Be(NFTA_PAYLOAD_LEN, len).end().end();
    }

    static void meta(NetlinkWriter w, int key, int dreg) {
        expr(w, "meta").u32Be(NFTA_META_KEY, key).u32Be(NFTA_META_DREG, dreg).end().end();
    }

    static void lookup(NetlinkWriter w, String set) {
        expr(w, "lookup").u32Be(NFTA_LOOKUP_SREG, NFT_REG_1).string(NFTA_LOOKUP_SET, set).end().end();
    }

    static void cmpEq(NetlinkWriter w, byte[] value) {
        expr(w, "cmp").u32Be(NFTA_CMP_SREG, NFT_REG_1).u32Be(NFTA_CMP_OP, NFT_CMP_EQ)
                .nested(NFTA_CMP_DATA, NFTA_DATA_VALUE, value).end().end();
    }

    static void bitwise(NetlinkWriter w, byte[] mask, byte[] xor) {
        expr(w, "bitwise").u32Be(NFTA_BITWISE_SREG, NFT_REG_1).u32Be(NFTA_BITWISE_DREG, NFT_REG_1)
                .u32Be(NFTA_BITWISE_LEN, mask.length).nested(NFTA_BITWISE_MASK, NFTA_DATA_VALUE, mask)
                .nested(NFTA_BITWISE_XOR, NFTA_DATA_VALUE, xor).end().end();
    }

    /** add_counter(): only with nftables_counters. */
    static void counter(NetlinkWriter w, boolean counters) {
        if (counters) {
            expr(w, "counter").end().end();
        }
    }

    /** add_immediate_verdict(): NF_DROP, NF_ACCEPT, or NFT_GOTO to {@code chain}. */
    static void verdict(NetlinkWriter w, int verdict, String chain) {
        expr(w, "immediate").u32Be(NFTA_IMMEDIATE_DREG, NFT_REG_VERDICT).nest(NFTA_IMMEDIATE_DATA)
                .nest(NFTA_DATA_VERDICT).u32Be(NFTA_VERDICT_CODE, verdict);
        if (chain != null) {
            w.string(NFTA_VERDICT_CHAIN, chain);
        }
        w.end().end().end().end();
    }
}
