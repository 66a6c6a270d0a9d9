package org.keepalived4j.net.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.net.NetlinkWriter;

/**
 * Field-by-field checks of the cases the keepalived capture does not cover (RtnetlinkCapturesTest
 * holds the byte-for-byte comparison): replace, the type/add flag quirk, encapsulations the test
 * kernel lacks, next-hop flags.
 */
class RouteCodecTest {
    private final Captures.Parser parser = new Captures.Parser();

    private RouteConfig route(String line) {
        return parser.route(line).orElseThrow(() -> new AssertionError("not parsed: " + line));
    }

    private static String dump(byte[] b) {
        return RtDump.canonical(b);
    }

    private static int flags(byte[] b) {
        return (b[6] & 0xff) | (b[7] & 0xff) << 8;
    }

    @Test
    void replaceAddsNlmFReplaceWhateverTheInsertMode() {
        byte[] b = RouteCodec.encode(route("203.0.113.0/24 via 198.51.100.1 dev eth0 add"), RouteCodec.Op.REPLACE, 7,
                n -> 3);
        assertEquals(0x01 | 0x04 | 0x400 | 0x100, flags(b));
        assertEquals(24, b[4]);
    }

    @Test
    void aDeletedRouteKeepsNoTypeUnlessKeepalivedsTypeBitIsSet() {
        byte[] plain = RouteCodec.encode(route("203.0.113.0/24 via 198.51.100.1"), RouteCodec.Op.DELETE, 1, n -> 3);
        byte[] added = RouteCodec.encode(route("203.0.113.0/24 via 198.51.100.1 add"), RouteCodec.Op.DELETE, 1, n -> 3);
        byte[] typed = RouteCodec.encode(route("unicast 203.0.113.0/24 via 198.51.100.1"), RouteCodec.Op.ADD, 1, n -> 3);
        assertEquals(0, plain[16 + 7], "rtm_type unspecified");
        assertEquals((byte) 0xff, plain[16 + 6], "rtm_scope RT_SCOPE_NOWHERE");
        assertEquals(1, added[16 + 7], "'add' shares keepalived's IPROUTE_BIT_TYPE");
        assertEquals(0x605, flags(typed), "a written type adds NLM_F_EXCL");
    }

    @Test
    void viaOfTheOtherFamilyIsRtaVia() {
        byte[] v = RouteCodec.viaBytes(RouteCodec.zero(RouteConfig.Family.INET6));
        assertEquals("0a00" + "00".repeat(16), HexFormat.of().formatHex(v));
    }

    @Test
    void mplsLabelStackAndIlaLocator() {
        assertEquals("00064000" + "000c8100", HexFormat.of().formatHex(EncapCodec.mplsLabels("100/200")));
        assertEquals(0x0001_0002_0003_0004L, EncapCodec.locator("1:2:3:4"));
        NetlinkWriter m = NetlinkWriter.rtnetlink(24, 0, 0, new byte[12]);
        EncapCodec.encode(m, new RouteConfig.Encap("mpls", java.util.Map.of("labels", "100")));
        String d = dump(m.finish());
        assertTrue(d.contains("21=0100") && d.contains("22=080001000006410"), d);
    }

    @Test
    void nexthopOnlinkAndWeight() {
        byte[] b = RouteCodec.encode(route("203.0.113.0/24 nexthop via 198.51.100.1 dev eth0 weight 3 onlink"),
                RouteCodec.Op.ADD, 1, n -> 5);
        // rtnexthop: len 16, flags RTNH_F_ONLINK, hops weight-1, ifindex 5; then RTA_GATEWAY
        assertTrue(dump(b).contains("9=1000040205000000" + "08000500c6336401"), dump(b));
    }

    @Test
    void l3mdevRuleHasNoTableAndTheFlag() {
        RuleConfig r = parser.rule("l3mdev priority 1000").orElseThrow();
        byte[] b = RuleCodec.encode(r, true, 1);
        assertEquals(0, b[16 + 4], "fib_rule_hdr.table");
        assertTrue(dump(b).contains("19=01"), dump(b));
    }

    @Test
    void invertedGotoRule() {
        RuleConfig r = parser.rule("not from 198.51.100.0/24 goto 600 priority 500").orElseThrow();
        byte[] b = RuleCodec.encode(r, false, 1);
        assertEquals(0x05, flags(b), "a delete is NLM_F_REQUEST | NLM_F_ACK");
        assertEquals(2, b[16 + 7], "FR_ACT_GOTO");
        assertEquals(2, b[16 + 8], "FIB_RULE_INVERT");
        assertTrue(dump(b).contains("4=58020000"), dump(b));
    }
}
