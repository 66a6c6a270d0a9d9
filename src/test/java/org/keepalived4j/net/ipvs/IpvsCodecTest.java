package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.net.InetAddress;
import java.nio.ByteOrder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.net.LinuxConstants;

/**
 * Requests byte for byte, written by hand from the kernel headers (linux/netlink.h struct
 * nlmsghdr, linux/genetlink.h struct genlmsghdr, struct nlattr, NLA_ALIGN 4; attribute numbers
 * and encodings from linux/ip_vs.h and net/netfilter/ipvs/ip_vs_ctl.c). x86_64: host order is
 * little-endian.
 */
class IpvsCodecTest {
    static final int FAMILY = 0x25;

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static void assertBytes(String expected, byte[] actual) {
        assertEquals(Hex.of(Hex.bytes(expected)), Hex.of(actual));
    }

    @Test
    void getFamilyIpvs() {
        assertBytes("""
                20 00 00 00   // nlmsg_len 32
                10 00         // nlmsg_type GENL_ID_CTRL
                05 00         // NLM_F_REQUEST | NLM_F_ACK
                01 00 00 00   // nlmsg_seq 1
                00 00 00 00   // nlmsg_pid 0
                03 01 00 00   // genlmsghdr: CTRL_CMD_GETFAMILY, version 1, reserved
                09 00 02 00 49 50 56 53 00  00 00 00  // CTRL_ATTR_FAMILY_NAME "IPVS\\0" (len 9), 3 bytes pad
                """, GenlCtrlCodec.getFamily(1, "IPVS"));
    }

    @Test
    void newServiceIpv4Tcp() throws Exception {
        IpvsService s = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        assertBytes("""
                68 00 00 00   // nlmsg_len 104 = 16 + 4 + 84
                25 00         // nlmsg_type: the IPVS family id
                05 00         // NLM_F_REQUEST | NLM_F_ACK
                07 00 00 00   // seq 7
                00 00 00 00   // pid 0
                01 01 00 00   // IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION 1
                54 00 01 80   // IPVS_CMD_ATTR_SERVICE | NLA_F_NESTED, len 84
                  06 00 01 00 02 00  00 00              // IPVS_SVC_ATTR_AF u16 AF_INET, pad 2
                  06 00 02 00 06 00  00 00              // IPVS_SVC_ATTR_PROTOCOL u16 IPPROTO_TCP, pad 2
                  14 00 03 00 c6 33 64 0a 00 00 00 00 00 00 00 00 00 00 00 00  // IPVS_SVC_ATTR_ADDR: nf_inet_addr, 16 bytes
                  06 00 04 00 00 50  00 00              // IPVS_SVC_ATTR_PORT 80 in network order, pad 2
                  07 00 06 00 72 72 00  00              // IPVS_SVC_ATTR_SCHED_NAME "rr\\0", pad 1
                  0c 00 07 00 00 00 00 00 ff ff ff ff   // IPVS_SVC_ATTR_FLAGS {flags 0, mask ~0}
                  08 00 08 00 00 00 00 00               // IPVS_SVC_ATTR_TIMEOUT 0 s
                  08 00 09 00 ff ff ff ff               // IPVS_SVC_ATTR_NETMASK 255.255.255.255 (network order)
                """, IpvsCodec.service(FAMILY, 7, IPVS_CMD_NEW_SERVICE, s));
    }

    @Test
    void newDestMasqWithThresholds() throws Exception {
        IpvsService s = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        IpvsDest d = IpvsDest.of(ip("203.0.113.5"), 8080, IpvsForwarding.MASQ, 3).withThresholds(100, 10);
        assertBytes("""
                b0 00 00 00   // nlmsg_len 176 = 16 + 4 + 84 + 72
                25 00 05 00 08 00 00 00 00 00 00 00   // family, REQUEST|ACK, seq 8, pid 0
                05 01 00 00   // IPVS_CMD_NEW_DEST, version 1
                54 00 01 80   // IPVS_CMD_ATTR_SERVICE (nested), as in newServiceIpv4Tcp
                  06 00 01 00 02 00 00 00
                  06 00 02 00 06 00 00 00
                  14 00 03 00 c6 33 64 0a 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 04 00 00 50 00 00
                  07 00 06 00 72 72 00 00
                  0c 00 07 00 00 00 00 00 ff ff ff ff
                  08 00 08 00 00 00 00 00
                  08 00 09 00 ff ff ff ff
                48 00 02 80   // IPVS_CMD_ATTR_DEST | NLA_F_NESTED, len 72
                  06 00 0b 00 02 00  00 00              // IPVS_DEST_ATTR_ADDR_FAMILY u16 AF_INET
                  14 00 01 00 cb 00 71 05 00 00 00 00 00 00 00 00 00 00 00 00  // IPVS_DEST_ATTR_ADDR 203.0.113.5
                  06 00 02 00 1f 90  00 00              // IPVS_DEST_ATTR_PORT 8080 network order
                  08 00 03 00 00 00 00 00               // IPVS_DEST_ATTR_FWD_METHOD IP_VS_CONN_F_MASQ
                  08 00 04 00 03 00 00 00               // IPVS_DEST_ATTR_WEIGHT 3
                  08 00 05 00 64 00 00 00               // IPVS_DEST_ATTR_U_THRESH 100
                  08 00 06 00 0a 00 00 00               // IPVS_DEST_ATTR_L_THRESH 10
                """, IpvsCodec.dest(FAMILY, 8, IPVS_CMD_NEW_DEST, s, d));
    }

    @Test
    void setServiceIpv6FwmarkPersistentWithEngine() {
        IpvsService s = IpvsService.fwmark(LinuxConstants.AF_INET6, 5, "sh").withPersistence(300).withNetmask(64)
                .withFlags(IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED_SH_PORT).withPeName("sip");
        assertBytes("""
                54 00 00 00   // nlmsg_len 84 = 16 + 4 + 64
                25 00 05 00   // family, REQUEST|ACK
                04 03 02 01   // seq 0x01020304 (host order)
                00 00 00 00
                02 01 00 00   // IPVS_CMD_SET_SERVICE, version 1
                40 00 01 80   // IPVS_CMD_ATTR_SERVICE (nested), len 64
                  06 00 01 00 0a 00 00 00               // AF AF_INET6
                  08 00 05 00 05 00 00 00               // IPVS_SVC_ATTR_FWMARK 5 (no protocol, address, port)
                  07 00 06 00 73 68 00 00               // SCHED_NAME "sh\\0"
                  08 00 0b 00 73 69 70 00               // IPVS_SVC_ATTR_PE_NAME "sip\\0"
                  0c 00 07 00 11 00 00 00 ff ff ff ff   // FLAGS {PERSISTENT | SCHED2 (sh-port), mask ~0}
                  08 00 08 00 2c 01 00 00               // TIMEOUT 300 s
                  08 00 09 00 40 00 00 00               // NETMASK: IPv6 prefix length 64, host order
                """, IpvsCodec.service(FAMILY, 0x01020304, IPVS_CMD_SET_SERVICE, s));
    }

    @Test
    void delDestIpv6GueTunnel() throws Exception {
        IpvsService s = IpvsService.of(LinuxConstants.IPPROTO_UDP, ip("2001:db8::10"), 53, "wrr");
        IpvsDest d = IpvsDest.of(ip("2001:db8::5"), 53, IpvsForwarding.TUNNEL, 1)
                .withTunnel(IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080, IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
        assertBytes("""
                c8 00 00 00   // nlmsg_len 200 = 16 + 4 + 84 + 96
                25 00 05 00 09 00 00 00 00 00 00 00
                07 01 00 00   // IPVS_CMD_DEL_DEST
                54 00 01 80   // IPVS_CMD_ATTR_SERVICE (nested), len 84
                  06 00 01 00 0a 00 00 00               // AF AF_INET6
                  06 00 02 00 11 00 00 00               // PROTOCOL IPPROTO_UDP
                  14 00 03 00 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 10  // ADDR 2001:db8::10
                  06 00 04 00 00 35 00 00               // PORT 53
                  08 00 06 00 77 72 72 00               // SCHED_NAME "wrr\\0"
                  0c 00 07 00 00 00 00 00 ff ff ff ff   // FLAGS
                  08 00 08 00 00 00 00 00               // TIMEOUT
                  08 00 09 00 80 00 00 00               // NETMASK 128 (host order)
                60 00 02 80   // IPVS_CMD_ATTR_DEST (nested), len 96
                  06 00 0b 00 0a 00 00 00               // ADDR_FAMILY AF_INET6
                  14 00 01 00 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 05  // ADDR 2001:db8::5
                  06 00 02 00 00 35 00 00               // PORT 53
                  08 00 03 00 02 00 00 00               // FWD_METHOD IP_VS_CONN_F_TUNNEL
                  08 00 04 00 01 00 00 00               // WEIGHT 1
                  05 00 0d 00 01  00 00 00              // IPVS_DEST_ATTR_TUN_TYPE u8 GUE, pad 3
                  06 00 0e 00 17 c0 00 00               // IPVS_DEST_ATTR_TUN_PORT 6080, network order
                  06 00 0f 00 01 00 00 00               // IPVS_DEST_ATTR_TUN_FLAGS u16 CSUM
                  08 00 05 00 00 00 00 00               // U_THRESH 0
                  08 00 06 00 00 00 00 00               // L_THRESH 0
                """, IpvsCodec.dest(FAMILY, 9, IPVS_CMD_DEL_DEST, s, d));
    }

    @Test
    void ipipTunnelSendsOnlyTheType() throws Exception {
        IpvsService s = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        byte[] m = IpvsCodec.dest(FAMILY, 1, IPVS_CMD_SET_DEST, s, IpvsDest.of(ip("203.0.113.5"), 80,
                IpvsForwarding.TUNNEL, 1));
        String hex = Hex.of(m);
        assertEquals(true, hex.contains("05 00 0d 00 00 00 00 00"), hex);   // TUN_TYPE IPIP
        assertEquals(false, hex.contains("0e 00"), hex);                    // no TUN_PORT
        assertEquals(false, hex.contains("0f 00"), hex);                    // no TUN_FLAGS
    }

    @Test
    void dumpDestsIdentifiesTheServiceOnly() throws Exception {
        IpvsService s = IpvsService.tcp(ip("198.51.100.10"), 80, "rr").withPersistence(60);
        assertBytes("""
                44 00 00 00   // nlmsg_len 68 = 16 + 4 + 48
                25 00
                05 03         // NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP (0x300)
                0a 00 00 00 00 00 00 00
                08 01 00 00   // IPVS_CMD_GET_DEST
                30 00 01 80   // IPVS_CMD_ATTR_SERVICE (nested), len 48: identity only
                  06 00 01 00 02 00 00 00
                  06 00 02 00 06 00 00 00
                  14 00 03 00 c6 33 64 0a 00 00 00 00 00 00 00 00 00 00 00 00
                  06 00 04 00 00 50 00 00
                """, IpvsCodec.dumpDests(FAMILY, 10, s));
    }

    @Test
    void requestsWithoutAttributes() {
        assertBytes("14 00 00 00 25 00 05 03 01 00 00 00 00 00 00 00  04 01 00 00 // GET_SERVICE dump",
                IpvsCodec.dumpServices(FAMILY, 1));
        assertBytes("14 00 00 00 25 00 05 00 02 00 00 00 00 00 00 00  11 01 00 00 // IPVS_CMD_FLUSH (17)",
                IpvsCodec.flush(FAMILY, 2));
        assertBytes("14 00 00 00 25 00 05 00 03 00 00 00 00 00 00 00  0f 01 00 00 // IPVS_CMD_GET_INFO (15)",
                IpvsCodec.getInfo(FAMILY, 3));
    }

    @Test
    void wrongCommandsAreRefused() throws Exception {
        IpvsService s = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        IpvsDest d = IpvsDest.of(ip("203.0.113.5"), 80, IpvsForwarding.ROUTE, 1);
        assertThrows(IllegalArgumentException.class, () -> IpvsCodec.service(FAMILY, 1, IPVS_CMD_NEW_DEST, s));
        assertThrows(IllegalArgumentException.class, () -> IpvsCodec.dest(FAMILY, 1, IPVS_CMD_NEW_SERVICE, s, d));
    }
}
