package org.keepalived4j.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

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
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.position(NLMSG_HDRLEN);
        b.put((byte) (v4 ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6));
        b.put((byte) vip.prefix());
        // keepalived adds IPv6 VIPs without duplicate address detection: a VIP that moves must work at once.
        boolean nodad = vip.noDad() || !v4;
        b.put((byte) (nodad ? LinuxConstants.IFA_F_NODAD : 0));
        b.put((byte) scope(vip));
        b.putInt(ifindex);
        byte[] a = vip.address().getAddress();
        attr(b, LinuxConstants.IFA_LOCAL, a);
        attr(b, LinuxConstants.IFA_ADDRESS, vip.peer().map(InetAddress::getAddress).orElse(a));
        if (v4 && add) {
            vip.broadcast().ifPresent(x -> attr(b, LinuxConstants.IFA_BROADCAST, x.getAddress()));
            if (vip.broadcastMode().isPresent() && vip.prefix() <= 30) {
                attr(b, LinuxConstants.IFA_BROADCAST, broadcast(a, vip.prefix(), vip.broadcastMode().get().equals("+")));
            }
            vip.label().ifPresent(l -> attr(b, LinuxConstants.IFA_LABEL, cstring(l)));
        }
        int flags = (nodad ? LinuxConstants.IFA_F_NODAD : 0)
                | (vip.noPrefixRoute() ? LinuxConstants.IFA_F_NOPREFIXROUTE : 0)
                | (vip.home() ? LinuxConstants.IFA_F_HOMEADDRESS : 0);
        if (flags != 0) {
            attr(b, LinuxConstants.IFA_FLAGS, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(flags).array());
        }
        int len = b.position();
        b.putInt(0, len);
        b.putShort(4, (short) (add ? LinuxConstants.RTM_NEWADDR : LinuxConstants.RTM_DELADDR));
        b.putShort(6, (short) (LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK
                | (add ? LinuxConstants.NLM_F_CREATE | LinuxConstants.NLM_F_EXCL : 0)));
        b.putInt(8, seq);
        b.putInt(12, 0);
        byte[] out = new byte[len];
        b.get(0, out);
        return out;
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

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    private static byte[] broadcast(byte[] a, int prefix, boolean plus) {
        int v = ByteBuffer.wrap(a).getInt();
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int r = plus ? (v | ~mask) : (v & mask);
        return ByteBuffer.allocate(4).putInt(r).array();
    }

    private static void attr(ByteBuffer b, int type, byte[] data) {
        int start = b.position();
        b.putShort((short) (4 + data.length));
        b.putShort((short) type);
        b.put(data);
        b.position(start + align(4 + data.length));
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
        ByteBuffer b = ByteBuffer.allocate(NLMSG_HDRLEN + 8).order(ByteOrder.nativeOrder());
        b.putInt(NLMSG_HDRLEN + 8).putShort((short) 22 /* RTM_GETADDR */)
                .putShort((short) (LinuxConstants.NLM_F_REQUEST | 0x300 /* NLM_F_DUMP */)).putInt(seq).putInt(0);
        b.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        return b.array();
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
