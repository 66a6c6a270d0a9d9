package org.keepalived4j.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.keepalived4j.config.model.VipAddress;

/**
 * rtnetlink address messages (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h), pure:
 * {@code nlmsghdr | ifaddrmsg | rtattr...}, all in host byte order, attributes padded to 4.
 */
public final class RtnetlinkCodec {
    static final int NLMSG_HDRLEN = 16;

    private RtnetlinkCodec() {
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    /**
     * RTM_NEWADDR / RTM_DELADDR for one address, as {@code ip addr add/del} builds it.
     *
     * @param add  true for RTM_NEWADDR (with NLM_F_CREATE | NLM_F_EXCL)
     */
    public static byte[] addressMessage(boolean add, int seq, int ifindex, VipAddress vip) {
        boolean v4 = vip.address() instanceof Inet4Address;
        // keepalived adds IPv6 VIPs without duplicate address detection: a VIP that moves must work at once.
        boolean nodad = vip.noDad() || !v4;
        byte[] ifaddrmsg = ifaddrmsg(v4 ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6, vip.prefix(),
                nodad ? LinuxConstants.IFA_F_NODAD : 0, scope(vip), ifindex);
        NetlinkWriter w = NetlinkWriter.rtnetlink(add ? LinuxConstants.RTM_NEWADDR : LinuxConstants.RTM_DELADDR,
                LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK
                        | (add ? LinuxConstants.NLM_F_CREATE | LinuxConstants.NLM_F_EXCL : 0), seq, ifaddrmsg);
        byte[] a = vip.address().getAddress();
        w.bytes(LinuxConstants.IFA_LOCAL, a);
        w.bytes(LinuxConstants.IFA_ADDRESS, vip.peer().map(InetAddress::getAddress).orElse(a));
        if (v4 && add) {
            vip.broadcast().ifPresent(x -> w.bytes(LinuxConstants.IFA_BROADCAST, x.getAddress()));
            if (vip.broadcastMode().isPresent() && vip.prefix() <= 30) {
                boolean plus = vip.broadcastMode().get().equals("+");
                w.bytes(LinuxConstants.IFA_BROADCAST, broadcast(a, vip.prefix(), plus));
            }
            vip.label().ifPresent(l -> w.string(LinuxConstants.IFA_LABEL, l));
        }
        int flags = (nodad ? LinuxConstants.IFA_F_NODAD : 0)
                | (vip.noPrefixRoute() ? LinuxConstants.IFA_F_NOPREFIXROUTE : 0)
                | (vip.home() ? LinuxConstants.IFA_F_HOMEADDRESS : 0);
        if (flags != 0) {
            w.u32(LinuxConstants.IFA_FLAGS, flags);
        }
        return w.finish();
    }

    /** struct ifaddrmsg (8 bytes, host order). */
    static byte[] ifaddrmsg(int family, int prefix, int flags, int scope, int ifindex) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).put((byte) family).put((byte) prefix)
                .put((byte) flags).put((byte) scope).putInt(ifindex).array();
    }

    private static int scope(VipAddress vip) {
        String s = vip.scope().orElse("global");
        return switch (s) {
            case "global" -> LinuxConstants.RT_SCOPE_UNIVERSE;
            case "site" -> LinuxConstants.RT_SCOPE_SITE;
            case "link" -> LinuxConstants.RT_SCOPE_LINK;
            case "host" -> LinuxConstants.RT_SCOPE_HOST;
            case "nowhere" -> LinuxConstants.RT_SCOPE_NOWHERE;
            default -> Integer.parseInt(s);
        };
    }

    private static byte[] broadcast(byte[] a, int prefix, boolean plus) {
        int v = ByteBuffer.wrap(a).getInt();
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int r = plus ? (v | ~mask) : (v & mask);
        return ByteBuffer.allocate(4).putInt(r).array();
    }

    /**
     * The kernel's answer to a request with NLM_F_ACK: 0 for success, else the errno.
     * Returns Integer.MIN_VALUE when the buffer holds no error message for {@code seq}.
     */
    public static int ackErrno(byte[] buf, int len, int seq) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + NLMSG_HDRLEN <= len) {
            int mlen = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            int mseq = b.getInt(off + 8);
            if (mlen < NLMSG_HDRLEN) {
                break;
            }
            if (type == LinuxConstants.NLMSG_ERROR && mseq == seq && off + NLMSG_HDRLEN + 4 <= len) {
                return -b.getInt(off + NLMSG_HDRLEN);
            }
            off += align(mlen);
        }
        return Integer.MIN_VALUE;
    }

    /** RTM_GETADDR dump request for one family. */
    public static byte[] getAddrDump(int seq, int family) {
        return NetlinkWriter.rtnetlink(22 /* RTM_GETADDR */, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_DUMP,
                seq, ifaddrmsg(family, 0, 0, 0, 0)).finish();
    }

    /** One address from an RTM_NEWADDR message. */
    public record AddrEntry(int ifindex, int family, int prefix, int flags, int scope, InetAddress address) {
        public boolean secondary() {
            return (flags & 0x01) != 0;   // IFA_F_SECONDARY
        }
    }

    /**
     * Parse a dump answer into {@code out}.
     *
     * @return true when NLMSG_DONE (or an error) ended the dump
     */
    public static boolean parseAddrDump(byte[] buf, int len, java.util.List<AddrEntry> out) {
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
            if (type == LinuxConstants.RTM_NEWADDR && mlen >= NLMSG_HDRLEN + 8) {
                int p = off + NLMSG_HDRLEN;
                int family = buf[p] & 0xff;
                int prefix = buf[p + 1] & 0xff;
                int flags = buf[p + 2] & 0xff;
                int scope = buf[p + 3] & 0xff;
                int ifindex = b.getInt(p + 4);
                byte[] local = null;
                byte[] address = null;
                int a = p + 8;
                while (a + 4 <= off + mlen) {
                    int alen = b.getShort(a) & 0xffff;
                    int atype = b.getShort(a + 2) & 0xffff;
                    if (alen < 4 || a + alen > off + mlen) {
                        break;
                    }
                    byte[] data = java.util.Arrays.copyOfRange(buf, a + 4, a + alen);
                    if (atype == LinuxConstants.IFA_LOCAL) {
                        local = data;
                    } else if (atype == LinuxConstants.IFA_ADDRESS) {
                        address = data;
                    } else if (atype == LinuxConstants.IFA_FLAGS && data.length >= 4) {
                        flags = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt();
                    }
                    a += align(alen);
                }
                byte[] addr = local != null ? local : address;
                if (addr != null) {
                    try {
                        out.add(new AddrEntry(ifindex, family, prefix, flags, scope, InetAddress.getByAddress(addr)));
                    } catch (java.net.UnknownHostException ignored) {
                        // malformed attribute: skip the entry
                    }
                }
            }
            off += align(mlen);
        }
        return false;
    }
}
