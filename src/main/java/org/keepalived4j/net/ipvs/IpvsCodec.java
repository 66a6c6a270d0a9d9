package org.keepalived4j.net.ipvs;

import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * Builds IPVS generic netlink requests (linux/ip_vs.h), pure. Every request has
 * NLM_F_REQUEST | NLM_F_ACK (as libnl's nl_send_auto() sends keepalived's), dumps also
 * NLM_F_DUMP, and genlmsghdr.version = IPVS_GENL_VERSION. Attributes are written in keepalived's
 * order (libipvs.c ipvs_nl_fill_service_attr() / ipvs_nl_fill_dest_attr()), with its encodings:
 * <ul>
 * <li>ADDR: 16 bytes (union nf_inet_addr; an IPv4 address then 12 zero bytes);</li>
 * <li>PORT, TUN_PORT: network byte order (the kernel reads them with nla_get_be16);</li>
 * <li>NETMASK: IPv4 the mask in network order, IPv6 the prefix length as a host-order u32;</li>
 * <li>FLAGS: struct ip_vs_flags {flags, mask = 0xffffffff} (the service's flags are replaced);</li>
 * <li>SCHED_NAME, PE_NAME: NUL-terminated strings;</li>
 * <li>everything else host byte order.</li>
 * </ul>
 */
public final class IpvsCodec {
    private static final int REQ = LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK;

    private IpvsCodec() {
    }

    private static NetlinkWriter request(int familyId, int flags, int seq, int cmd) {
        return NetlinkWriter.genetlink(familyId, flags, seq, cmd, IPVS_GENL_VERSION);
    }

    /** IPVS_CMD_NEW_SERVICE, _SET_SERVICE or _DEL_SERVICE with the whole service (keepalived sends all of it). */
    public static byte[] service(int familyId, int seq, int cmd, IpvsService s) {
        if (cmd != IPVS_CMD_NEW_SERVICE && cmd != IPVS_CMD_SET_SERVICE && cmd != IPVS_CMD_DEL_SERVICE) {
            throw new IllegalArgumentException(commandName(cmd) + " is not a service command");
        }
        NetlinkWriter w = request(familyId, REQ, seq, cmd);
        putService(w, s, true);
        return w.finish();
    }

    /** IPVS_CMD_NEW_DEST, _SET_DEST or _DEL_DEST: the service, then the destination. */
    public static byte[] dest(int familyId, int seq, int cmd, IpvsService s, IpvsDest d) {
        if (cmd != IPVS_CMD_NEW_DEST && cmd != IPVS_CMD_SET_DEST && cmd != IPVS_CMD_DEL_DEST) {
            throw new IllegalArgumentException(commandName(cmd) + " is not a destination command");
        }
        NetlinkWriter w = request(familyId, REQ, seq, cmd);
        putService(w, s, true);
        putDest(w, d);
        return w.finish();
    }

    /** IPVS_CMD_GET_SERVICE dump: every service, one IPVS_CMD_NEW_SERVICE message each. */
    public static byte[] dumpServices(int familyId, int seq) {
        return request(familyId, REQ | LinuxConstants.NLM_F_DUMP, seq, IPVS_CMD_GET_SERVICE).finish();
    }

    /**
     * IPVS_CMD_GET_DEST dump of one service (identified by AF and FWMARK, or AF, PROTOCOL, ADDR
     * and PORT, as ipvs_get_dests() sends it): one IPVS_CMD_NEW_DEST message per destination.
     */
    public static byte[] dumpDests(int familyId, int seq, IpvsService s) {
        NetlinkWriter w = request(familyId, REQ | LinuxConstants.NLM_F_DUMP, seq, IPVS_CMD_GET_DEST);
        putService(w, s, false);
        return w.finish();
    }

    /** IPVS_CMD_FLUSH: removes every service and destination. */
    public static byte[] flush(int familyId, int seq) {
        return request(familyId, REQ, seq, IPVS_CMD_FLUSH).finish();
    }

    /** IPVS_CMD_GET_INFO: answered by IPVS_CMD_SET_INFO (version, connection table size). */
    public static byte[] getInfo(int familyId, int seq) {
        return request(familyId, REQ, seq, IPVS_CMD_GET_INFO).finish();
    }

    /** union nf_inet_addr: 16 bytes, an IPv4 address in the first 4. */
    static byte[] nfInetAddr(InetAddress a) {
        byte[] out = new byte[16];
        byte[] raw = a.getAddress();
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    /** The persistence netmask's 4 bytes: see the class comment. */
    static NetlinkWriter putNetmask(NetlinkWriter w, IpvsService s) {
        return s.family() == LinuxConstants.AF_INET6 ? w.u32(IPVS_SVC_ATTR_NETMASK, s.netmask())
                : w.u32Be(IPVS_SVC_ATTR_NETMASK, s.netmask());
    }

    static void putService(NetlinkWriter w, IpvsService s, boolean full) {
        w.nest(IPVS_CMD_ATTR_SERVICE);
        w.u16(IPVS_SVC_ATTR_AF, s.family());
        if (s.isFwmark()) {
            w.u32(IPVS_SVC_ATTR_FWMARK, s.fwmark());
        } else {
            w.u16(IPVS_SVC_ATTR_PROTOCOL, s.protocol());
            w.bytes(IPVS_SVC_ATTR_ADDR, nfInetAddr(s.address()));
            w.u16Be(IPVS_SVC_ATTR_PORT, s.port());
        }
        if (full) {
            w.string(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
            if (!s.peName().isEmpty()) {
                w.string(IPVS_SVC_ATTR_PE_NAME, s.peName());
            }
            w.bytes(IPVS_SVC_ATTR_FLAGS, flags(s.flags(), 0xffffffff));
            w.u32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
            putNetmask(w, s);
        }
        w.end();
    }

    private static byte[] flags(int flags, int mask) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(flags).putInt(mask).array();
    }

    static void putDest(NetlinkWriter w, IpvsDest d) {
        w.nest(IPVS_CMD_ATTR_DEST);
        w.u16(IPVS_DEST_ATTR_ADDR_FAMILY, d.family());
        w.bytes(IPVS_DEST_ATTR_ADDR, nfInetAddr(d.address()));
        w.u16Be(IPVS_DEST_ATTR_PORT, d.port());
        w.u32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().code());
        w.u32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        if (d.forwarding() == IpvsForwarding.TUNNEL) {
            w.u8(IPVS_DEST_ATTR_TUN_TYPE, d.tunnelType());
            if (d.tunnelType() == IP_VS_CONN_F_TUNNEL_TYPE_GUE) {
                w.u16Be(IPVS_DEST_ATTR_TUN_PORT, d.tunnelPort());
            }
            if (d.tunnelType() != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
                w.u16(IPVS_DEST_ATTR_TUN_FLAGS, d.tunnelFlags());
            }
        }
        w.u32(IPVS_DEST_ATTR_U_THRESH, d.upperThreshold());
        w.u32(IPVS_DEST_ATTR_L_THRESH, d.lowerThreshold());
        w.end();
    }
}
