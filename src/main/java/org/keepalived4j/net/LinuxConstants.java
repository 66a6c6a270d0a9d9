package org.keepalived4j.net;

/**
 * Kernel constants used by the daemon, grouped by the header that defines them
 * (x86_64 Linux values).
 */
public final class LinuxConstants {
    private LinuxConstants() {
    }

    // bits/socket.h, asm-generic/socket.h
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 02000000;
    /** signalfd(2) flag, same value as O_CLOEXEC. */
    public static final int SFD_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_PRIORITY = 12;
    public static final int SO_RCVBUFFORCE = 33;

    // netinet/in.h, linux/in.h
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_VRRP = 112;
    /** netinet/in.h: IPsec Authentication Header; keepalived's VRRPv2 "auth_type AH" adverts. */
    public static final int IPPROTO_AH = 51;
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IP_MULTICAST_ALL = 49;

    // linux/in6.h
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_ADD_MEMBERSHIP = 20;
    public static final int IPV6_MULTICAST_ALL = 29;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPPROTO_ICMPV6 = 58;

    // linux/if_ether.h
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86dd;

    // linux/netlink.h, linux/rtnetlink.h
    public static final int NETLINK_ROUTE = 0;
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTMGRP_LINK = 1;
    // linux/if_addr.h
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    // linux/if_link.h / linux/if.h
    public static final int IFLA_IFNAME = 3;
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    // rtnetlink scopes
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    // linux/netlink.h (generic netlink, dumps, attributes)
    public static final int NETLINK_GENERIC = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_OVERRUN = 4;
    public static final int NLM_F_MULTI = 0x02;
    /** NLM_F_ROOT | NLM_F_MATCH. */
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;
    // linux/genetlink.h
    public static final int GENL_HDRLEN = 4;
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    // netinet/in.h
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_SCTP = 132;
    public static final int IPPROTO_RAW = 255;
}
