package org.keepalived4j.net.route;

import static org.keepalived4j.net.route.RouteConstants.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.keepalived4j.config.model.RouteConfig.Prefix;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * RTM_NEWRULE / RTM_DELRULE for one configured rule, pure, byte for byte what keepalived 2.2.7's
 * netlink_rule() sends (vrrp_iprule.c): {@code nlmsghdr | fib_rule_hdr | rtattr...}. A new rule
 * is requested with NLM_F_CREATE | NLM_F_EXCL (a rule that is already there is an EEXIST error).
 */
public final class RuleCodec {
    private RuleCodec() {
    }

    public static byte[] encode(RuleConfig r, boolean add, int seq) {
        int flags = LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK
                | (add ? LinuxConstants.NLM_F_CREATE | LinuxConstants.NLM_F_EXCL : 0);
        NetlinkWriter m = NetlinkWriter.rtnetlink(add ? RTM_NEWRULE : RTM_DELRULE, flags, seq, header(r));
        boolean toTable = r.action() == RuleConfig.Action.TABLE && !r.l3mdev();
        if (toTable && r.table() >= 256) {
            m.u32(FRA_TABLE, r.table());
        }
        r.from().ifPresent(p -> m.address(FRA_SRC, RouteCodec.address(p, r.family())));
        r.to().ifPresent(p -> m.address(FRA_DST, RouteCodec.address(p, r.family())));
        m.u32(FRA_PRIORITY, r.preference());           // always: keepalived numbers the rules without one
        r.fwmark().ifPresent(v -> m.u32(FRA_FWMARK, v));
        r.fwmask().ifPresent(v -> m.u32(FRA_FWMASK, v));
        r.realms().ifPresent(v -> {
            if (v != 0) {
                m.u32(FRA_FLOW, v);
            }
        });
        r.suppressPrefixLength().ifPresent(v -> m.u32(FRA_SUPPRESS_PREFIXLEN, v));
        r.suppressIfgroup().ifPresent(v -> m.u32(FRA_SUPPRESS_IFGROUP, v));
        r.iif().ifPresent(s -> m.string(FRA_IFNAME, s));
        r.oif().ifPresent(s -> m.string(FRA_OIFNAME, s));
        r.tunnelId().ifPresent(v -> {
            if (v != 0) {
                m.u64Be(FRA_TUN_ID, v);
            }
        });
        r.uidRange().ifPresent(x -> m.bytes(FRA_UID_RANGE, range32(x)));
        if (r.l3mdev()) {
            m.u8(FRA_L3MDEV, 1);
        }
        r.protocol().ifPresent(v -> m.u8(FRA_PROTOCOL, v));
        r.ipProto().ifPresent(v -> m.u8(FRA_IP_PROTO, v));
        r.sport().ifPresent(x -> m.bytes(FRA_SPORT_RANGE, range16(x)));
        r.dport().ifPresent(x -> m.bytes(FRA_DPORT_RANGE, range16(x)));
        r.gotoTarget().ifPresent(v -> m.u32(FRA_GOTO, v));
        return m.finish();
    }

    private static byte[] header(RuleConfig r) {
        boolean toTable = r.action() == RuleConfig.Action.TABLE && !r.l3mdev();
        int table = !toTable ? RT_TABLE_UNSPEC
                : r.table() < 256 ? (r.table() != 0 ? (int) r.table() : RT_TABLE_MAIN) : RT_TABLE_UNSPEC;
        ByteBuffer h = ByteBuffer.allocate(NetlinkWriter.RT_HDRLEN).order(ByteOrder.nativeOrder());
        h.put((byte) RouteCodec.family(r.family()));
        h.put((byte) (int) r.to().map(Prefix::length).orElse(0));   // dst_len
        h.put((byte) (int) r.from().map(Prefix::length).orElse(0));   // src_len
        h.put((byte) r.tos());
        h.put((byte) table);
        h.put((byte) 0).put((byte) 0);                             // res1, res2
        h.put((byte) action(r.action()));
        h.putInt(r.invert() ? FIB_RULE_INVERT : 0);
        return h.array();
    }

    static int action(RuleConfig.Action a) {
        return switch (a) {
            case TABLE -> FR_ACT_TO_TBL;
            case GOTO -> FR_ACT_GOTO;
            case NOP -> FR_ACT_NOP;
            case BLACKHOLE -> FR_ACT_BLACKHOLE;
            case UNREACHABLE -> FR_ACT_UNREACHABLE;
            case PROHIBIT -> FR_ACT_PROHIBIT;
        };
    }

    /** struct fib_rule_uid_range: two u32 in host order. */
    private static byte[] range32(RuleConfig.Range x) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt((int) x.start()).putInt((int) x.end())
                .array();
    }

    /** struct fib_rule_port_range: two u16 in host order. */
    private static byte[] range16(RuleConfig.Range x) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) x.start())
                .putShort((short) x.end()).array();
    }
}
