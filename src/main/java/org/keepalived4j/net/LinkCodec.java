package org.keepalived4j.net;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * rtnetlink link messages for VMAC interfaces, pure: {@code nlmsghdr | ifinfomsg | rtattr...}
 * (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h), host byte order, attributes padded to 4.
 * Every request asks for an acknowledgement (NLM_F_ACK), as keepalived's netlink_talk() does, so
 * the kernel's errno reaches the caller.
 */
public final class LinkCodec {
    private static final int NLMSG_HDRLEN = 16;
    /** struct ifinfomsg: family, pad, type (u16), index (s32), flags (u32), change (u32). */
    private static final int IFINFOMSG_LEN = 16;

    private static final int REQ_ACK = LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK;

    private LinkCodec() {
    }

    /**
     * RTM_NEWLINK creating a macvlan, byte for byte what
     * {@code ip link add link BASE name NAME address MAC type macvlan mode private} sends
     * (iproute2 6.x): IFLA_ADDRESS, IFLA_LINK, IFLA_IFNAME (NUL-terminated),
     * IFLA_LINKINFO { IFLA_INFO_KIND "macvlan", IFLA_INFO_DATA { IFLA_MACVLAN_MODE } }, with
     * NLM_F_CREATE | NLM_F_EXCL. keepalived's netlink_link_add_vmac() sends the same attributes.
     */
    public static byte[] newMacvlan(int seq, String name, int linkIndex, byte[] mac, int mode) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(LinuxConstants.RTM_NEWLINK, REQ_ACK
                | LinuxConstants.NLM_F_EXCL | LinuxConstants.NLM_F_CREATE, seq, ifinfomsg(0, 0, 0));
        w.bytes(IfLink.IFLA_ADDRESS, mac);
        w.u32(IfLink.IFLA_LINK, linkIndex);
        w.string(IfLink.IFLA_IFNAME, name);
        macvlanInfo(w, mode);
        return w.finish();
    }

    /**
     * RTM_NEWLINK changing the MAC and mode of an existing macvlan (keepalived's "Update old VMAC
     * interface"): IFLA_LINKINFO then IFLA_ADDRESS, no NLM_F_CREATE.
     */
    public static byte[] updateMacvlan(int seq, int ifindex, byte[] mac, int mode) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(LinuxConstants.RTM_NEWLINK, REQ_ACK, seq, ifinfomsg(ifindex, 0, 0));
        macvlanInfo(w, mode);
        w.bytes(IfLink.IFLA_ADDRESS, mac);
        return w.finish();
    }

    private static void macvlanInfo(NetlinkWriter w, int mode) {
        w.nest(IfLink.IFLA_LINKINFO).bytes(IfLink.IFLA_INFO_KIND, "macvlan".getBytes(StandardCharsets.US_ASCII));
        w.nest(IfLink.IFLA_INFO_DATA).u32(IfLink.IFLA_MACVLAN_MODE, mode).end();
        w.end();
    }

    /** RTM_DELLINK for one interface, as {@code ip link del NAME} sends it. */
    public static byte[] delLink(int seq, int ifindex) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(LinuxConstants.RTM_DELLINK, REQ_ACK, seq, ifinfomsg(ifindex, 0, 0));
        return w.finish();
    }

    /** RTM_NEWLINK setting IFF_UP, as {@code ip link set NAME up} (and keepalived's netlink_link_up()). */
    public static byte[] setUp(int seq, int ifindex) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(LinuxConstants.RTM_NEWLINK, REQ_ACK, seq,
                ifinfomsg(ifindex, LinuxConstants.IFF_UP, LinuxConstants.IFF_UP));
        return w.finish();
    }

    /**
     * IFLA_AF_SPEC { AF_INET6 { IFLA_INET6_ADDR_GEN_MODE = NONE } }: no automatic link-local
     * address (RFC 5798 §7.4), as {@code ip link set NAME addrgenmode none} and keepalived send it.
     */
    public static byte[] addrGenModeNone(int seq, int ifindex) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(LinuxConstants.RTM_NEWLINK, REQ_ACK, seq, ifinfomsg(ifindex, 0, 0));
        w.nest(IfLink.IFLA_AF_SPEC).nest(LinuxConstants.AF_INET6)
                .u8(IfLink.IFLA_INET6_ADDR_GEN_MODE, IfLink.IN6_ADDR_GEN_MODE_NONE).end().end();
        return w.finish();
    }

    /**
     * The link-local address keepalived puts on an IPv6 VMAC (add_link_local_address() through
     * netlink_ipaddress()): prefix 64, IFA_CACHEINFO preferred 0 / valid forever (deprecated, so
     * the kernel never picks it as a source on its own), IFA_LOCAL, IFA_FLAGS NODAD.
     * Deletion carries only IFA_LOCAL.
     */
    public static byte[] linkLocal(boolean add, int seq, int ifindex, Inet6Address address) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(add ? LinuxConstants.RTM_NEWADDR : LinuxConstants.RTM_DELADDR,
                REQ_ACK, seq,
                RtnetlinkCodec.ifaddrmsg(LinuxConstants.AF_INET6, 64, 0, 0, ifindex));
        if (add) {
            ByteBuffer ci = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            ci.putInt(0).putInt(IfLink.INFINITY_LIFE_TIME).putInt(0).putInt(0);
            w.bytes(IfLink.IFA_CACHEINFO, ci.array());
        }
        w.bytes(LinuxConstants.IFA_LOCAL, address.getAddress());
        if (add) {
            w.u32(LinuxConstants.IFA_FLAGS, LinuxConstants.IFA_F_NODAD);
        }
        return w.finish();
    }

    /** RTM_GETLINK dump of every interface. */
    public static byte[] getLinkDump(int seq) {
        NetlinkWriter w = NetlinkWriter.rtnetlink(IfLink.RTM_GETLINK, LinuxConstants.NLM_F_REQUEST
                | LinuxConstants.NLM_F_DUMP, seq, ifinfomsg(0, 0, 0));
        return w.finish();
    }

    /**
     * One interface from an RTM_NEWLINK message.
     *
     * @param link        IFLA_LINK (the lower device of a macvlan), 0 when absent
     * @param kind        IFLA_INFO_KIND ("macvlan", "veth", ...), empty when absent
     * @param macvlanMode IFLA_MACVLAN_MODE, 0 when not a macvlan
     */
    public record Link(int index, String name, int flags, byte[] mac, int link, String kind, int macvlanMode) {
        public boolean isPrivateMacvlan() {
            return kind.equals("macvlan") && macvlanMode == IfLink.MACVLAN_MODE_PRIVATE;
        }

        /** IFF_UP and IFF_RUNNING, the link monitor's notion of "up". */
        public boolean upAndRunning() {
            int m = LinuxConstants.IFF_UP | LinuxConstants.IFF_RUNNING;
            return (flags & m) == m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Link l && index == l.index && name.equals(l.name) && flags == l.flags
                    && Arrays.equals(mac, l.mac) && link == l.link && kind.equals(l.kind)
                    && macvlanMode == l.macvlanMode;
        }

        @Override
        public int hashCode() {
            return index * 31 + name.hashCode();
        }

        @Override
        public String toString() {
            return name + "(" + index + (link != 0 ? "@" + link : "") + " " + (kind.isEmpty() ? "" : kind + " ")
                    + "mode " + macvlanMode + " flags 0x" + Integer.toHexString(flags) + ")";
        }
    }

    /**
     * Parse (part of) a link dump into {@code out}.
     *
     * @return true when NLMSG_DONE or an error ended the dump
     */
    public static boolean parseLinkDump(byte[] buf, int len, List<Link> out) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + NLMSG_HDRLEN <= len) {
            int mlen = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            if (mlen < NLMSG_HDRLEN || off + mlen > len) {
                return true;
            }
            if (type == LinuxConstants.NLMSG_DONE || type == LinuxConstants.NLMSG_ERROR) {
                return true;
            }
            if (type == LinuxConstants.RTM_NEWLINK && mlen >= NLMSG_HDRLEN + IFINFOMSG_LEN) {
                Link l = link(b, off + NLMSG_HDRLEN, off + mlen);
                if (l != null) {
                    out.add(l);
                }
            }
            off += RtnetlinkCodec.align(mlen);
        }
        return false;
    }

    private static Link link(ByteBuffer b, int p, int end) {
        int index = b.getInt(p + 4);
        int flags = b.getInt(p + 8);
        String name = null;
        byte[] mac = new byte[0];
        int link = 0;
        String[] kind = {""};
        int[] mode = {0};
        for (int a = p + IFINFOMSG_LEN; a + 4 <= end; ) {
            int alen = b.getShort(a) & 0xffff;
            int atype = b.getShort(a + 2) & LinuxConstants.NLA_TYPE_MASK;
            if (alen < 4 || a + alen > end) {
                break;
            }
            if (atype == IfLink.IFLA_IFNAME) {
                name = string(b, a + 4, a + alen);
            } else if (atype == IfLink.IFLA_ADDRESS) {
                mac = bytes(b, a + 4, a + alen);
            } else if (atype == IfLink.IFLA_LINK && alen >= 8) {
                link = b.getInt(a + 4);
            } else if (atype == IfLink.IFLA_LINKINFO) {
                linkInfo(b, a + 4, a + alen, kind, mode);
            }
            a += RtnetlinkCodec.align(alen);
        }
        return name == null ? null : new Link(index, name, flags, mac, link, kind[0], mode[0]);
    }

    private static void linkInfo(ByteBuffer b, int p, int end, String[] kind, int[] mode) {
        for (int a = p; a + 4 <= end; ) {
            int alen = b.getShort(a) & 0xffff;
            int atype = b.getShort(a + 2) & LinuxConstants.NLA_TYPE_MASK;
            if (alen < 4 || a + alen > end) {
                return;
            }
            if (atype == IfLink.IFLA_INFO_KIND) {
                kind[0] = string(b, a + 4, a + alen);
            } else if (atype == IfLink.IFLA_INFO_DATA && kind[0].equals("macvlan")) {
                for (int d = a + 4; d + 8 <= a + alen; ) {
                    int dlen = b.getShort(d) & 0xffff;
                    if (dlen < 4) {
                        break;
                    }
                    if ((b.getShort(d + 2) & LinuxConstants.NLA_TYPE_MASK) == IfLink.IFLA_MACVLAN_MODE && dlen >= 8) {
                        mode[0] = b.getInt(d + 4);
                    }
                    d += RtnetlinkCodec.align(dlen);
                }
            }
            a += RtnetlinkCodec.align(alen);
        }
    }

    private static String string(ByteBuffer b, int from, int to) {
        int e = from;
        while (e < to && b.get(e) != 0) {
            e++;
        }
        return new String(bytes(b, from, e), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return out;
    }

    /** struct ifinfomsg (16 bytes, host order): family AF_UNSPEC, type 0, index, flags, change. */
    private static byte[] ifinfomsg(int index, int flags, int change) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).put((byte) 0).put((byte) 0).putShort((short) 0)
                .putInt(index).putInt(flags).putInt(change).array();
    }
}
