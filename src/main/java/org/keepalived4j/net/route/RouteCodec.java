package org.keepalived4j.net.route;

import static org.keepalived4j.net.route.RouteConstants.*;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Nexthop;
import org.keepalived4j.config.model.RouteConfig.Prefix;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * RTM_NEWROUTE / RTM_DELROUTE for one configured route, pure, byte for byte what keepalived
 * 2.2.7's netlink_route() sends (vrrp_iproute.c): {@code nlmsghdr | rtmsg | rtattr...} with the
 * attributes in its order (RTA_TABLE, RTA_DST, RTA_SRC, RTA_PREFSRC, RTA_GATEWAY/RTA_VIA,
 * RTA_ENCAP + RTA_ENCAP_TYPE, RTA_OIF, RTA_PRIORITY, RTA_FLOW, RTA_EXPIRES, RTA_PREF,
 * RTA_TTL_PROPAGATE, RTA_METRICS, RTA_MULTIPATH). The kernel reads attributes by type, so the
 * order only matters for byte comparisons; iproute2 sends the same attributes in its own order.
 */
public final class RouteCodec {
    /** What the request asks of the kernel. */
    public enum Op { ADD, DELETE, REPLACE }

    /** RTAX_* for the metric names of {@link RouteConfig#metrics()}, in the order keepalived adds them. */
    private static final Map<String, Integer> RTAX = new java.util.LinkedHashMap<>();

    static {
        RTAX.put("rtt", RTAX_RTT);
        RTAX.put("rttvar", RTAX_RTTVAR);
        RTAX.put("rto_min", RTAX_RTO_MIN);
        RTAX.put("mtu", RTAX_MTU);
        RTAX.put("window", RTAX_WINDOW);
        RTAX.put("ssthresh", RTAX_SSTHRESH);
        RTAX.put("cwnd", RTAX_CWND);
        RTAX.put("advmss", RTAX_ADVMSS);
        RTAX.put("reordering", RTAX_REORDERING);
        RTAX.put("hoplimit", RTAX_HOPLIMIT);
        RTAX.put("initcwnd", RTAX_INITCWND);
        RTAX.put("initrwnd", RTAX_INITRWND);
        RTAX.put("quickack", RTAX_QUICKACK);
        RTAX.put("fastopen_no_cookie", RTAX_FASTOPEN_NO_COOKIE);
    }

    private RouteCodec() {
    }

    /**
     * The request for one route.
     *
     * @param ifindex the index of an interface named by the route ({@code dev}, next hops' {@code dev})
     */
    public static byte[] encode(RouteConfig r, Op op, int seq, ToIntFunction<String> ifindex) {
        NetlinkWriter m = NetlinkWriter.rtnetlink(op == Op.DELETE ? RTM_DELROUTE : RTM_NEWROUTE, flags(r, op), seq,
                rtmsg(r, op));
        if (r.table() >= 256) {
            m.u32(RTA_TABLE, r.table());
        }
        m.address(RTA_DST, address(r.destination(), r.family()));
        r.from().ifPresent(p -> m.address(RTA_SRC, address(p, r.family())));
        r.source().ifPresent(a -> m.address(RTA_PREFSRC, a));
        r.via().ifPresent(a -> via(m, r.family(), a));
        r.encap().ifPresent(e -> EncapCodec.encode(m, e));
        r.dev().ifPresent(d -> m.u32(RTA_OIF, ifindex.applyAsInt(d)));
        r.metric().ifPresent(v -> m.u32(RTA_PRIORITY, v));
        r.realms().ifPresent(v -> {
            if (v != 0) {
                m.u32(RTA_FLOW, v);
            }
        });
        metric(r, "expires").ifPresent(v -> m.u32(RTA_EXPIRES, v));
        metrics(m, r);
        if (!r.nexthops().isEmpty()) {
            multipath(m, r, ifindex);
        }
        return m.finish();
    }

    /**
     * keepalived: NLM_F_CREATE, plus NLM_F_REPLACE, NLM_F_EXCL ({@code add}) or NLM_F_APPEND
     * ({@code append}); nothing (a prepend) by default. In 2.2.7 the {@code add} flag shares its
     * bit with "type given" (IPROUTE_BIT_ADD is 1 &lt;&lt; IPROUTE_ADD and IPROUTE_ADD is also a
     * macro for 1), so a route written with a type (blackhole, unreachable, ...) is added with
     * NLM_F_EXCL too, and an {@code add} route is deleted with its type set.
     */
    static int flags(RouteConfig r, Op op) {
        int f = LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK;
        if (op == Op.DELETE) {
            return f;
        }
        f |= LinuxConstants.NLM_F_CREATE;
        if (op == Op.REPLACE) {
            return f | NLM_F_REPLACE;
        }
        if (typeBit(r)) {
            return f | LinuxConstants.NLM_F_EXCL;
        }
        return r.mode() == RouteConfig.InsertMode.APPEND ? f | NLM_F_APPEND : f;
    }

    /** keepalived's IPROUTE_BIT_TYPE (= IPROUTE_BIT_ADD): a type was written, or {@code add}. */
    private static boolean typeBit(RouteConfig r) {
        return r.type() != RTN_UNICAST || r.words().contains("unicast") || r.mode() == RouteConfig.InsertMode.ADD;
    }

    private static byte[] rtmsg(RouteConfig r, Op op) {
        boolean scopeGiven = r.words().contains("scope");
        int scope = op == Op.DELETE && !scopeGiven ? LinuxConstants.RT_SCOPE_NOWHERE : r.scope();
        int type = op == Op.DELETE && !typeBit(r) ? 0 : r.type();
        ByteBuffer h = ByteBuffer.allocate(NetlinkWriter.RT_HDRLEN).order(ByteOrder.nativeOrder());
        h.put((byte) family(r.family()));
        h.put((byte) r.destination().length());                    // rtm_dst_len
        h.put((byte) (int) r.from().map(Prefix::length).orElse(0));   // rtm_src_len
        h.put((byte) r.tos().orElse(0));                           // rtm_tos
        h.put((byte) (r.table() < 256 ? r.table() : RT_TABLE_UNSPEC));
        h.put((byte) r.protocol().orElse(RTPROT_KEEPALIVED));      // rtm_protocol
        h.put((byte) scope);                                       // rtm_scope
        h.put((byte) type);                                        // rtm_type
        h.putInt(r.onlink() ? RTNH_F_ONLINK : 0);                  // rtm_flags
        return h.array();
    }

    static int family(Family f) {
        return f == Family.INET6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET;
    }

    /** The prefix's address; {@code default} is the family's all-zero address, as keepalived sends it. */
    static InetAddress address(Prefix p, Family f) {
        return p.address().orElseGet(() -> zero(f));
    }

    static InetAddress zero(Family f) {
        try {
            return InetAddress.getByAddress(new byte[f == Family.INET6 ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RTA_GATEWAY, or RTA_VIA (family + address) for a gateway of the other family. */
    private static void via(NetlinkWriter m, Family routeFamily, InetAddress a) {
        if (Family.of(a) == routeFamily) {
            m.address(RTA_GATEWAY, a);
        } else {
            m.bytes(RTA_VIA, viaBytes(a));
        }
    }

    static byte[] viaBytes(InetAddress a) {
        byte[] addr = a.getAddress();
        ByteBuffer v = ByteBuffer.allocate(2 + addr.length).order(ByteOrder.nativeOrder());
        v.putShort((short) (a instanceof Inet6Address ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET)).put(addr);
        return v.array();
    }

    private static java.util.OptionalLong metric(RouteConfig r, String name) {
        Long v = r.metrics().get(name);
        return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /** RTA_PREF and RTA_TTL_PROPAGATE (outer attributes), then the RTAX_* metrics nest. */
    private static void metrics(NetlinkWriter m, RouteConfig r) {
        metric(r, "pref").ifPresent(v -> m.u8(RTA_PREF, (int) v));
        metric(r, "ttl-propagate").ifPresent(v -> m.u8(RTA_TTL_PROPAGATE, (int) v));
        long lock = 0;
        for (String name : r.locked()) {
            lock |= 1L << (name.equals("congctl") ? RTAX_CC_ALGO : RTAX.get(name));
        }
        boolean any = r.congctl().isPresent() || r.ecn() || RTAX.keySet().stream().anyMatch(r.metrics()::containsKey);
        if (!any) {
            return;
        }
        m.nest(RTA_METRICS);
        // keepalived: the algorithm name without its NUL
        r.congctl().ifPresent(c -> m.bytes(RTAX_CC_ALGO, c.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        for (Map.Entry<String, Integer> e : RTAX.entrySet()) {
            if (e.getKey().equals("mtu") && r.ecn()) {
                m.u32(RTAX_FEATURES, RTAX_FEATURE_ECN);      // keepalived adds features before mtu
            }
            Long v = r.metrics().get(e.getKey());
            if (v != null) {
                m.u32(e.getValue(), v);
            }
        }
        if (lock != 0) {
            m.u32(RTAX_LOCK, lock);
        }
        m.end();
    }

    /** RTA_MULTIPATH: one struct rtnexthop (len, flags, hops = weight - 1, ifindex) and its attributes per hop. */
    private static void multipath(NetlinkWriter m, RouteConfig r, ToIntFunction<String> ifindex) {
        m.nest(RTA_MULTIPATH);
        for (Nexthop nh : r.nexthops()) {
            int start = m.position();
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            h.putShort((short) 0);
            h.put((byte) (nh.onlink() ? RTNH_F_ONLINK : 0));
            h.put((byte) (nh.weight().isPresent() ? nh.weight().getAsInt() - 1 : 0));
            h.putInt(nh.dev().map(ifindex::applyAsInt).orElse(0));
            m.raw(h.array());
            nh.via().ifPresent(a -> via(m, r.family(), a));
            nh.realms().ifPresent(v -> {
                if (v != 0) {
                    m.u32(RTA_FLOW, v);
                }
            });
            nh.encap().ifPresent(e -> EncapCodec.encode(m, e));
            m.patchShort(start, m.position() - start);
        }
        m.end();
    }
}
