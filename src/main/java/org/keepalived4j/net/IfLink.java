package org.keepalived4j.net;

/**
 * Link-level rtnetlink constants for VMAC interfaces: linux/rtnetlink.h (RTM_GETLINK),
 * linux/if_link.h (IFLA_*, IFLA_INFO_*, IFLA_MACVLAN_*, MACVLAN_MODE_*, IFLA_INET6_*,
 * IN6_ADDR_GEN_MODE_*), linux/if_addr.h (IFA_CACHEINFO).
 */
public final class IfLink {
    private IfLink() {
    }

    // linux/rtnetlink.h
    public static final int RTM_GETLINK = 18;

    // linux/if_link.h: enum IFLA_*
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_AF_SPEC = 26;

    // enum IFLA_INFO_*
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;

    // enum IFLA_MACVLAN_*, enum macvlan_mode
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;

    // enum IFLA_INET6_*, enum in6_addr_gen_mode
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;

    // linux/if_addr.h
    public static final int IFA_CACHEINFO = 6;
    /** INFINITY_LIFE_TIME: a valid/preferred lifetime that never ends. */
    public static final int INFINITY_LIFE_TIME = 0xffff_ffff;
}
