package org.keepalived4j.net.route;

import static org.keepalived4j.net.route.RouteConstants.*;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.keepalived4j.config.bind.route.RtTables;
import org.keepalived4j.config.model.RouteConfig.Encap;
import org.keepalived4j.net.NetlinkWriter;

/**
 * Lightweight tunnel encapsulation of a route or next hop (linux/lwtunnel.h), as keepalived's
 * add_encap() writes it: the nested RTA_ENCAP, then RTA_ENCAP_TYPE (u16). The model keeps the
 * settings as written (validated by the parser); they are converted here.
 */
final class EncapCodec {
    private EncapCodec() {
    }

    static void encode(NetlinkWriter m, Encap e) {
        Map<String, String> f = e.fields();
        int type;
        m.nest(RTA_ENCAP);
        switch (e.type()) {
            case "ip" -> {
                type = LWTUNNEL_ENCAP_IP;
                ip(m, f, LWTUNNEL_IP_ID, LWTUNNEL_IP_DST, LWTUNNEL_IP_SRC, "tos", LWTUNNEL_IP_TOS, "ttl",
                        LWTUNNEL_IP_TTL, LWTUNNEL_IP_FLAGS);
            }
            case "ip6" -> {
                type = LWTUNNEL_ENCAP_IP6;
                ip(m, f, LWTUNNEL_IP6_ID, LWTUNNEL_IP6_DST, LWTUNNEL_IP6_SRC, "tc", LWTUNNEL_IP6_TC, "hoplimit",
                        LWTUNNEL_IP6_HOPLIMIT, LWTUNNEL_IP6_FLAGS);
            }
            case "mpls" -> {
                type = LWTUNNEL_ENCAP_MPLS;
                m.bytes(MPLS_IPTUNNEL_DST, mplsLabels(f.get("labels")));
            }
            case "ila" -> {
                type = LWTUNNEL_ENCAP_ILA;
                m.u64Be(ILA_ATTR_LOCATOR, locator(f.get("locator")));   // get_addr64(): the groups in network order
            }
            default -> throw new IllegalArgumentException("unknown encap type " + e.type());
        }
        m.end();
        m.u16(RTA_ENCAP_TYPE, type);
    }

    /** keepalived's order: id (big-endian u64), dst, src, tos/tc, ttl/hoplimit, flags. */
    private static void ip(NetlinkWriter m, Map<String, String> f, int idAttr, int dstAttr, int srcAttr, String tosKey,
                           int tosAttr, String ttlKey, int ttlAttr, int flagsAttr) {
        if (f.containsKey("id")) {
            m.u64Be(idAttr, strtoul(f.get("id")).longValue());
        }
        if (f.containsKey("dst")) {
            m.address(dstAttr, parse(f.get("dst")));
        }
        if (f.containsKey("src")) {
            m.address(srcAttr, parse(f.get("src")));
        }
        if (f.containsKey(tosKey)) {
            m.u8(tosAttr, (int) RtTables.dsfield(f.get(tosKey)).orElse(0));
        }
        if (f.containsKey(ttlKey)) {
            m.u8(ttlAttr, strtoul(f.get(ttlKey)).intValue());
        }
        if (f.containsKey("flags")) {
            m.u16(flagsAttr, strtoul(f.get("flags")).intValue());
        }
    }

    /** MPLS label stack entries, network order: label &lt;&lt; 12, bottom-of-stack bit on the last. */
    static byte[] mplsLabels(String s) {
        String[] labels = s.strip().split("/");
        ByteBuffer b = ByteBuffer.allocate(4 * labels.length);
        for (int i = 0; i < labels.length; i++) {
            int entry = strtoul(labels[i]).intValue() << 12;
            if (i == labels.length - 1) {
                entry |= 1 << 8;
            }
            b.putInt(entry);
        }
        return b.array();
    }

    /** An ILA locator {@code xxxx:xxxx:xxxx:xxxx} as a 64-bit number. */
    static long locator(String s) {
        long v = 0;
        for (String g : s.strip().split(":")) {
            v = (v << 16) | Long.parseLong(g, 16);
        }
        return v;
    }

    /** strtoul(s, NULL, 0): 0x hex, leading 0 octal, else decimal (the parser has validated s). */
    static BigInteger strtoul(String s) {
        String t = s.strip();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return new BigInteger(t.substring(2), 16);
        }
        if (t.length() > 1 && t.startsWith("0")) {
            return new BigInteger(t.substring(1), 8);
        }
        return new BigInteger(t);
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);   // a numeric literal (validated by the parser): no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }
}
