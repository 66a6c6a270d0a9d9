package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.ForwardingMethod;
import org.keepalived4j.net.LinuxConstants;

/** parse(build(x)) == x for services and destinations, plus the model's names and checks. */
class IpvsRoundTripTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static List<IpvsService> services() throws Exception {
        return List.of(
                IpvsService.tcp(ip("198.51.100.10"), 80, "rr"),
                IpvsService.of(LinuxConstants.IPPROTO_UDP, ip("198.51.100.11"), 53, "wlc").withPersistence(50)
                        .withNetmask(0xffffff00L),
                IpvsService.of(LinuxConstants.IPPROTO_SCTP, ip("2001:db8::1"), 5060, "sh")
                        .withFlags(IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT | IP_VS_SVC_F_ONEPACKET),
                IpvsService.fwmark(LinuxConstants.AF_INET, 0xffffffffL, "mh").withPersistence(3600).withPeName("sip"),
                IpvsService.fwmark(LinuxConstants.AF_INET6, 7, "lc").withPersistence(1).withNetmask(48));
    }

    static List<IpvsDest> dests() throws Exception {
        return List.of(
                IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.MASQ, 1),
                IpvsDest.of(ip("203.0.113.2"), 0, IpvsForwarding.ROUTE, Integer.MAX_VALUE).withThresholds(0xffffffffL, 7),
                IpvsDest.of(ip("203.0.113.3"), 443, IpvsForwarding.TUNNEL, 0),
                IpvsDest.of(ip("2001:db8::2"), 80, IpvsForwarding.TUNNEL, 9)
                        .withTunnel(IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080, IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM),
                IpvsDest.of(ip("2001:db8::3"), 80, IpvsForwarding.TUNNEL, 9)
                        .withTunnel(IP_VS_CONN_F_TUNNEL_TYPE_GRE, 0, IP_VS_TUNNEL_ENCAP_FLAG_CSUM),
                IpvsDest.of(ip("203.0.113.4"), 80, IpvsForwarding.LOCAL, 2),
                IpvsDest.of(ip("203.0.113.5"), 80, IpvsForwarding.BYPASS, 2));
    }

    static NlMessage only(byte[] b) throws Exception {
        List<NlMessage> ms = NlMessage.parseAll(b, b.length);
        assertEquals(1, ms.size());
        return ms.get(0);
    }

    @Test
    void servicesSurviveEveryCommand() throws Exception {
        for (IpvsService s : services()) {
            for (int cmd : new int[] {IPVS_CMD_NEW_SERVICE, IPVS_CMD_SET_SERVICE, IPVS_CMD_DEL_SERVICE}) {
                NlMessage m = only(IpvsCodec.service(0x30, 42, cmd, s));
                assertEquals(cmd, m.genlCommand());
                assertEquals(IPVS_GENL_VERSION, m.genlVersion());
                assertEquals(42, m.seq());
                assertEquals(s, IpvsReplies.service(m).service());
            }
        }
    }

    @Test
    void destsSurviveWithTheirService() throws Exception {
        for (IpvsService s : services()) {
            for (IpvsDest d : dests()) {
                NlMessage m = only(IpvsCodec.dest(0x30, 1, IPVS_CMD_NEW_DEST, s, d));
                assertEquals(s, IpvsReplies.service(m).service());
                assertEquals(d, IpvsReplies.dest(m, s.family()).dest());
            }
        }
    }

    @Test
    void forwardingNamesAsKeepalivedAndIpvsadmUseThem() {
        assertEquals(IpvsForwarding.MASQ, IpvsForwarding.fromConfigName("NAT").orElseThrow());
        assertEquals(IpvsForwarding.ROUTE, IpvsForwarding.fromConfigName("DR").orElseThrow());
        assertEquals(IpvsForwarding.TUNNEL, IpvsForwarding.fromConfigName("TUN").orElseThrow());
        assertEquals(true, IpvsForwarding.fromConfigName("dr").isEmpty());
        assertEquals("gatewaying", IpvsForwarding.of(ForwardingMethod.DR).ipvsadmOption().orElseThrow());
        assertEquals("masquerading", IpvsForwarding.of(ForwardingMethod.NAT).ipvsadmOption().orElseThrow());
        assertEquals("ipip", IpvsForwarding.of(ForwardingMethod.TUN).ipvsadmOption().orElseThrow());
        assertEquals(List.of("Masq", "Local", "Tunnel", "Route", "Bypass"),
                List.of(IpvsForwarding.values()).stream().map(IpvsForwarding::listName).toList());
        assertEquals(IpvsForwarding.ROUTE, IpvsForwarding.fromCode(0x3 | 0x100));
        assertThrows(IllegalArgumentException.class, () -> IpvsForwarding.fromCode(5));
    }

    @Test
    void modelRefusesValuesTheKernelCannotHold() throws Exception {
        InetAddress v4 = ip("198.51.100.10");
        assertThrows(IllegalArgumentException.class, () -> IpvsService.tcp(v4, 65536, "rr"));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.tcp(v4, 80, "a-very-long-scheduler"));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.of(6, ip("2001:db8::1"), 80, "rr")
                .withNetmask(129));
        assertThrows(IllegalArgumentException.class, () -> new IpvsService(LinuxConstants.AF_INET6, 6, v4, 80, 0, "rr",
                0, 0, 128, ""));
        assertThrows(IllegalArgumentException.class, () -> IpvsService.fwmark(LinuxConstants.AF_INET, 0, "rr"));
        assertThrows(IllegalArgumentException.class, () -> IpvsDest.of(v4, 80, IpvsForwarding.MASQ, -1));
    }

    @Test
    void identities() throws Exception {
        IpvsService a = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        assertEquals(true, a.sameIdentity(a.withScheduler("wlc").withPersistence(9)));
        assertEquals(false, a.sameIdentity(IpvsService.tcp(ip("198.51.100.10"), 81, "rr")));
        IpvsDest d = IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.MASQ, 1);
        assertEquals(true, d.sameIdentity(d.withWeight(0)));
    }

    @Test
    void whatIsNotSentIsNotKept() throws Exception {
        IpvsService f = new IpvsService(LinuxConstants.AF_INET, 6, ip("198.51.100.10"), 80, 9, "rr", 0, 0, 0xffffffffL, "");
        assertEquals(IpvsService.fwmark(LinuxConstants.AF_INET, 9, "rr"), f);
        IpvsDest d = IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.MASQ, 1)
                .withTunnel(IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080, 1);
        assertEquals(IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.MASQ, 1), d);
        IpvsDest gre = IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.TUNNEL, 1)
                .withTunnel(IP_VS_CONN_F_TUNNEL_TYPE_GRE, 6080, 1);
        assertEquals(0, gre.tunnelPort());
        assertEquals(1, gre.tunnelFlags());
    }

    @Test
    void textAsKeepalivedPrintsIt() throws Exception {
        assertEquals("2001:db8::1", IpvsText.ntop(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("::", IpvsText.ntop(ip("::")));
        assertEquals("::1", IpvsText.ntop(ip("::1")));
        assertEquals("2001:db8::", IpvsText.ntop(ip("2001:db8::")));
        assertEquals("2001:0:0:1::1", IpvsText.ntop(ip("2001:0:0:1:0:0:0:1")));   // longest run wins
        assertEquals("2001::1:0:0:1", IpvsText.ntop(ip("2001:0:0:0:1:0:0:1")));
        assertEquals("2001::1:0:0:1:1", IpvsText.ntop(ip("2001:0:0:1:0:0:1:1")));   // a tie: the first run
        assertEquals("fe80::1:2", IpvsText.ntop(ip("fe80::1:2")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpvsText.ntop(ip("2001:db8::1:1:1:1:1")));   // a single 0 stays
        assertEquals("::1.2.3.4", IpvsText.ntop(ip("::1.2.3.4")));
        IpvsService v6 = IpvsService.of(LinuxConstants.IPPROTO_SCTP, ip("2001:db8::1"), 5060, "rr");
        assertEquals("2001:db8::1:sctp:5060", v6.display());
        assertEquals("198.51.100.1:udp:53", IpvsService.of(17, ip("198.51.100.1"), 53, "rr").display());
        assertEquals("198.51.100.1:50:0", IpvsService.of(50, ip("198.51.100.1"), 0, "rr").display());
        assertEquals("Fwm 4294967295", IpvsService.fwmark(LinuxConstants.AF_INET, 0xffffffffL, "rr").display());
    }
}
