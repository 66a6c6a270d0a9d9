package org.keepalived4j.net.nft;

/**
 * nfnetlink / nf_tables constants (linux/netfilter/nfnetlink.h, linux/netfilter/nf_tables.h,
 * linux/netfilter.h) and the nftables data types keepalived declares its sets with
 * (keepalived/include/nftables.h, values of nftables' include/datatype.h).
 */
final class NftConstants {
    private NftConstants() {
    }

    static final int NETLINK_NETFILTER = 12;

    // nfnetlink.h
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 16;     // NLMSG_MIN_TYPE
    static final int NFNL_MSG_BATCH_END = 17;
    static final int NFNETLINK_V0 = 0;

    // linux/netfilter.h: NFPROTO_*
    static final int NFPROTO_UNSPEC = 0;
    static final int NFPROTO_IPV4 = 2;
    static final int NFPROTO_IPV6 = 10;
    /** NF_INET_LOCAL_IN / NF_INET_LOCAL_OUT hooks. */
    static final int NF_INET_LOCAL_IN = 1;
    static final int NF_INET_LOCAL_OUT = 3;
    /** Verdicts (netfilter.h) and nf_tables' NFT_GOTO. */
    static final int NF_DROP = 0;
    static final int NF_ACCEPT = 1;
    static final int NFT_GOTO = -4;

    // enum nf_tables_msg_types
    static final int NFT_MSG_NEWTABLE = 0;
    static final int NFT_MSG_GETTABLE = 1;
    static final int NFT_MSG_DELTABLE = 2;
    static final int NFT_MSG_NEWCHAIN = 3;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFT_MSG_NEWSET = 9;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_DELSETELEM = 14;

    // nlmsg flags used by keepalived (linux/netlink.h)
    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_APPEND = 0x800;
    static final int NLA_F_NESTED = 0x8000;
    static final int NLMSG_ERROR = 2;

    // enum nft_table_attributes
    static final int NFTA_TABLE_NAME = 1;
    // enum nft_chain_attributes / nft_hook_attributes
    static final int NFTA_CHAIN_TABLE = 1;
    static final int NFTA_CHAIN_NAME = 3;
    static final int NFTA_CHAIN_HOOK = 4;
    static final int NFTA_CHAIN_POLICY = 5;
    static final int NFTA_CHAIN_TYPE = 7;
    static final int NFTA_HOOK_HOOKNUM = 1;
    static final int NFTA_HOOK_PRIORITY = 2;
    // enum nft_set_attributes
    static final int NFTA_SET_TABLE = 1;
    static final int NFTA_SET_NAME = 2;
    static final int NFTA_SET_FLAGS = 3;
    static final int NFTA_SET_KEY_TYPE = 4;
    static final int NFTA_SET_KEY_LEN = 5;
    static final int NFTA_SET_ID = 10;
    static final int NFTA_SET_USERDATA = 13;
    static final int NFT_SET_CONSTANT = 0x2;
    // enum nft_set_elem_list_attributes / nft_set_elem_attributes / nft_data_attributes
    static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    static final int NFTA_SET_ELEM_LIST_SET = 2;
    static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_SET_ELEM_KEY = 1;
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;
    // enum nft_rule_attributes / nft_expr_attributes
    static final int NFTA_RULE_TABLE = 1;
    static final int NFTA_RULE_CHAIN = 2;
    static final int NFTA_RULE_EXPRESSIONS = 4;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;
    // payload / meta / lookup / cmp / bitwise / immediate attributes
    static final int NFTA_PAYLOAD_DREG = 1;
    static final int NFTA_PAYLOAD_BASE = 2;
    static final int NFTA_PAYLOAD_OFFSET = 3;
    static final int NFTA_PAYLOAD_LEN = 4;
    static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    static final int NFTA_META_DREG = 1;
    static final int NFTA_META_KEY = 2;
    static final int NFT_META_IIF = 4;
    static final int NFT_META_OIF = 5;
    static final int NFT_META_IIFNAME = 6;
    static final int NFT_META_OIFNAME = 7;
    static final int NFTA_LOOKUP_SET = 1;
    static final int NFTA_LOOKUP_SREG = 2;
    static final int NFTA_CMP_SREG = 1;
    static final int NFTA_CMP_OP = 2;
    static final int NFTA_CMP_DATA = 3;
    static final int NFT_CMP_EQ = 0;
    static final int NFTA_BITWISE_SREG = 1;
    static final int NFTA_BITWISE_DREG = 2;
    static final int NFTA_BITWISE_LEN = 3;
    static final int NFTA_BITWISE_MASK = 4;
    static final int NFTA_BITWISE_XOR = 5;
    static final int NFTA_IMMEDIATE_DREG = 1;
    static final int NFTA_IMMEDIATE_DATA = 2;
    static final int NFT_REG_VERDICT = 0;
    static final int NFT_REG_1 = 1;
    static final int NFT_REG_2 = 2;

    // nftables data types (include/datatype.h) as keepalived's NFT_TYPE_*; concatenations shift by 6 bits
    static final int TYPE_IPADDR = 7;
    static final int TYPE_IP6ADDR = 8;
    static final int TYPE_IFINDEX = 20;
    static final int TYPE_ICMPV6_TYPE = 29;
    static final int TYPE_IFNAME = 41;
    static final int TYPE_BITS = 6;
    // libnftnl udata: NFTNL_UDATA_SET_KEYBYTEORDER and nftables' byte orders
    static final int UDATA_SET_KEYBYTEORDER = 0;
    static final int BYTEORDER_HOST_ENDIAN = 1;
    static final int BYTEORDER_BIG_ENDIAN = 2;

    static final int IFNAMSIZ = 16;
    static final int IPPROTO_ICMPV6 = 58;
    static final int ND_NEIGHBOR_SOLICIT = 135;
    static final int ND_NEIGHBOR_ADVERT = 136;
}
