package org.keepalived4j.net.route;

/**
 * rtnetlink route and rule constants (x86_64 Linux values), grouped by the header that defines them.
 */
public final class RouteConstants {
    private RouteConstants() {
    }

    // linux/rtnetlink.h: message types
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;

    // linux/netlink.h: flags beyond LinuxConstants'
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_APPEND = 0x800;

    // linux/rtnetlink.h: enum rtattr_type_t
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_TABLE = 15;
    public static final int RTA_VIA = 18;
    public static final int RTA_PREF = 20;
    public static final int RTA_ENCAP_TYPE = 21;
    public static final int RTA_ENCAP = 22;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_TTL_PROPAGATE = 26;

    // linux/rtnetlink.h: RTAX_* (route metrics, nested in RTA_METRICS)
    public static final int RTAX_LOCK = 1;
    public static final int RTAX_MTU = 2;
    public static final int RTAX_WINDOW = 3;
    public static final int RTAX_RTT = 4;
    public static final int RTAX_RTTVAR = 5;
    public static final int RTAX_SSTHRESH = 6;
    public static final int RTAX_CWND = 7;
    public static final int RTAX_ADVMSS = 8;
    public static final int RTAX_REORDERING = 9;
    public static final int RTAX_HOPLIMIT = 10;
    public static final int RTAX_INITCWND = 11;
    public static final int RTAX_FEATURES = 12;
    public static final int RTAX_RTO_MIN = 13;
    public static final int RTAX_INITRWND = 14;
    public static final int RTAX_QUICKACK = 15;
    public static final int RTAX_CC_ALGO = 16;
    public static final int RTAX_FASTOPEN_NO_COOKIE = 17;
    public static final int RTAX_FEATURE_ECN = 1;

    // linux/rtnetlink.h: rtm_type, rtm_table, rtm_protocol, rtnh_flags
    public static final int RTN_UNICAST = 1;
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RTPROT_KEEPALIVED = 18;
    public static final int RTNH_F_ONLINK = 4;

    // linux/lwtunnel.h
    public static final int LWTUNNEL_ENCAP_MPLS = 1;
    public static final int LWTUNNEL_ENCAP_IP = 2;
    public static final int LWTUNNEL_ENCAP_ILA = 3;
    public static final int LWTUNNEL_ENCAP_IP6 = 4;
    public static final int LWTUNNEL_IP_ID = 1;
    public static final int LWTUNNEL_IP_DST = 2;
    public static final int LWTUNNEL_IP_SRC = 3;
    public static final int LWTUNNEL_IP_TTL = 4;
    public static final int LWTUNNEL_IP_TOS = 5;
    public static final int LWTUNNEL_IP_FLAGS = 6;
    public static final int LWTUNNEL_IP6_ID = 1;
    public static final int LWTUNNEL_IP6_DST = 2;
    public static final int LWTUNNEL_IP6_SRC = 3;
    public static final int LWTUNNEL_IP6_HOPLIMIT = 4;
    public static final int LWTUNNEL_IP6_TC = 5;
    public static final int LWTUNNEL_IP6_FLAGS = 6;
    /** linux/mpls_iptunnel.h */
    public static final int MPLS_IPTUNNEL_DST = 1;
    /** linux/ila.h */
    public static final int ILA_ATTR_LOCATOR = 1;

    // linux/fib_rules.h
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_FLOW = 11;
    public static final int FRA_TUN_ID = 12;
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_L3MDEV = 19;
    public static final int FRA_UID_RANGE = 20;
    public static final int FRA_PROTOCOL = 21;
    public static final int FRA_IP_PROTO = 22;
    public static final int FRA_SPORT_RANGE = 23;
    public static final int FRA_DPORT_RANGE = 24;
    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;
    public static final int FIB_RULE_INVERT = 0x2;
}
