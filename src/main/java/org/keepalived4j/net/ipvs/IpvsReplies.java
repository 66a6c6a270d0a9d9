package org.keepalived4j.net.ipvs;

import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import org.keepalived4j.net.LinuxConstants;

/**
 * Parses the IPVS messages the kernel sends (and, for tests, the requests {@link IpvsCodec}
 * builds), pure. Required attributes are keepalived's (libipvs.c ipvs_services_parse_cb(),
 * ipvs_dests_parse_cb()); a missing or short one is a {@link ProtocolException} naming it.
 * Connection counts and counters, which only kernel answers carry, are optional.
 */
public final class IpvsReplies {
    private IpvsReplies() {
    }

    /** The service in IPVS_CMD_ATTR_SERVICE (a dump part or a service/dest request). */
    public static IpvsServiceEntry service(NlMessage m) throws ProtocolException {
        NlAttrs s = m.genlAttrs().nested(IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE");
        int family = s.u16(IPVS_SVC_ATTR_AF, "IPVS_SVC_ATTR_AF");
        if (family != LinuxConstants.AF_INET && family != LinuxConstants.AF_INET6) {
            throw new ProtocolException("IPVS_SVC_ATTR_AF: unknown family " + family);
        }
        long fwmark = s.has(IPVS_SVC_ATTR_FWMARK) ? s.u32(IPVS_SVC_ATTR_FWMARK, "IPVS_SVC_ATTR_FWMARK") : 0;
        int protocol = 0;
        InetAddress address = IpvsService.any(family);
        int port = 0;
        if (fwmark == 0) {
            protocol = s.u16(IPVS_SVC_ATTR_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL");
            address = address(s, IPVS_SVC_ATTR_ADDR, family, "IPVS_SVC_ATTR_ADDR");
            port = s.u16Be(IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT");
        }
        String sched = s.string(IPVS_SVC_ATTR_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME");
        String pe = s.has(IPVS_SVC_ATTR_PE_NAME) ? s.string(IPVS_SVC_ATTR_PE_NAME, "IPVS_SVC_ATTR_PE_NAME") : "";
        int[] flags = s.u32Pair(IPVS_SVC_ATTR_FLAGS, "IPVS_SVC_ATTR_FLAGS");
        long timeout = s.u32(IPVS_SVC_ATTR_TIMEOUT, "IPVS_SVC_ATTR_TIMEOUT");
        long netmask = family == LinuxConstants.AF_INET6 ? s.u32(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK")
                : s.u32Be(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK");
        IpvsService svc;
        try {
            svc = new IpvsService(family, protocol, address, port, fwmark, sched, flags[0] & flags[1], timeout, netmask,
                    pe);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
        return new IpvsServiceEntry(svc, stats(s, IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS, "IPVS_SVC_ATTR_STATS"));
    }

    /**
     * The destination in IPVS_CMD_ATTR_DEST.
     *
     * @param serviceFamily the family to assume when IPVS_DEST_ATTR_ADDR_FAMILY is absent (kernels before 3.18)
     */
    public static IpvsDestEntry dest(NlMessage m, int serviceFamily) throws ProtocolException {
        NlAttrs d = m.genlAttrs().nested(IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST");
        int family = d.has(IPVS_DEST_ATTR_ADDR_FAMILY)
                ? d.u16(IPVS_DEST_ATTR_ADDR_FAMILY, "IPVS_DEST_ATTR_ADDR_FAMILY") : serviceFamily;
        InetAddress address = address(d, IPVS_DEST_ATTR_ADDR, family, "IPVS_DEST_ATTR_ADDR");
        int port = d.u16Be(IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT");
        int fwd = (int) d.u32(IPVS_DEST_ATTR_FWD_METHOD, "IPVS_DEST_ATTR_FWD_METHOD");
        long weight = d.u32(IPVS_DEST_ATTR_WEIGHT, "IPVS_DEST_ATTR_WEIGHT");
        long upper = d.u32(IPVS_DEST_ATTR_U_THRESH, "IPVS_DEST_ATTR_U_THRESH");
        long lower = d.u32(IPVS_DEST_ATTR_L_THRESH, "IPVS_DEST_ATTR_L_THRESH");
        int tunType = d.has(IPVS_DEST_ATTR_TUN_TYPE) ? d.u8(IPVS_DEST_ATTR_TUN_TYPE, "IPVS_DEST_ATTR_TUN_TYPE") : 0;
        int tunPort = d.has(IPVS_DEST_ATTR_TUN_PORT) ? d.u16Be(IPVS_DEST_ATTR_TUN_PORT, "IPVS_DEST_ATTR_TUN_PORT") : 0;
        int tunFlags = d.has(IPVS_DEST_ATTR_TUN_FLAGS) ? d.u16(IPVS_DEST_ATTR_TUN_FLAGS, "IPVS_DEST_ATTR_TUN_FLAGS") : 0;
        IpvsDest dest;
        try {
            dest = new IpvsDest(address, port, IpvsForwarding.fromCode(fwd), (int) weight, upper, lower, tunType,
                    tunPort, tunFlags);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
        return new IpvsDestEntry(dest, optU32(d, IPVS_DEST_ATTR_ACTIVE_CONNS, "IPVS_DEST_ATTR_ACTIVE_CONNS"),
                optU32(d, IPVS_DEST_ATTR_INACT_CONNS, "IPVS_DEST_ATTR_INACT_CONNS"),
                optU32(d, IPVS_DEST_ATTR_PERSIST_CONNS, "IPVS_DEST_ATTR_PERSIST_CONNS"),
                stats(d, IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS, "IPVS_DEST_ATTR_STATS"));
    }

    /** The IPVS_CMD_SET_INFO answer to IPVS_CMD_GET_INFO. */
    public static IpvsInfo info(NlMessage m) throws ProtocolException {
        NlAttrs a = m.genlAttrs();
        return new IpvsInfo(a.u32(IPVS_INFO_ATTR_VERSION, "IPVS_INFO_ATTR_VERSION"),
                a.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE, "IPVS_INFO_ATTR_CONN_TAB_SIZE"));
    }

    private static long optU32(NlAttrs a, int type, String name) throws ProtocolException {
        return a.has(type) ? a.u32(type, name) : 0;
    }

    /** 4 bytes for AF_INET (the first 4 of the 16-byte union), 16 for AF_INET6. */
    private static InetAddress address(NlAttrs a, int type, int family, String name) throws ProtocolException {
        byte[] raw = a.raw(type).orElseThrow(() -> new ProtocolException(name + ": missing"));
        int size = family == LinuxConstants.AF_INET6 ? 16 : 4;
        if (raw.length < size) {
            throw new ProtocolException(name + ": " + raw.length + " bytes, expected " + size);
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(raw, size));
        } catch (UnknownHostException e) {
            throw new ProtocolException(name + ": " + e.getMessage());
        }
    }

    /** STATS64 (all u64) when present, else STATS (u32 except the byte counts), else none. */
    private static Optional<IpvsStats> stats(NlAttrs a, int type64, int type32, String name) throws ProtocolException {
        if (a.has(type64)) {
            return Optional.of(counters(a.nested(type64, name + "64"), true, name + "64"));
        }
        if (a.has(type32)) {
            return Optional.of(counters(a.nested(type32, name), false, name));
        }
        return Optional.empty();
    }

    private static IpvsStats counters(NlAttrs s, boolean all64, String name) throws ProtocolException {
        long[] v = new long[10];
        for (int i = 0; i < 10; i++) {
            int type = IPVS_STATS_ATTR_CONNS + i;
            boolean wide = all64 || type == IPVS_STATS_ATTR_INBYTES || type == IPVS_STATS_ATTR_OUTBYTES;
            String n = name + " attribute " + type;
            v[i] = !s.has(type) ? 0 : wide ? s.u64(type, n) : s.u32(type, n);
        }
        return new IpvsStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
