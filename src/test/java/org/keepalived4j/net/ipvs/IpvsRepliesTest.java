package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ProtocolException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.net.LinuxConstants;

/**
 * Kernel answers written by hand in the layout of net/netfilter/ipvs/ip_vs_ctl.c
 * (ip_vs_genl_fill_service(), ip_vs_genl_fill_dest(), ip_vs_genl_fill_stats(): nests without
 * NLA_F_NESTED, 16-byte addresses, ports in network order) and net/netlink/genetlink.c.
 */
class IpvsRepliesTest {
    /** A GET_SERVICE dump: two services (NLM_F_MULTI) and NLMSG_DONE, in one receive buffer. */
    static final String SERVICE_DUMP = """
            c4 00 00 00 25 00 02 00 09 00 00 00 34 12 00 00   // len 196, IPVS family, NLM_F_MULTI, seq 9, portid 0x1234
            01 01 00 00                                       // IPVS_CMD_NEW_SERVICE, version 1
            b0 00 01 00                                       // IPVS_CMD_ATTR_SERVICE, len 176 (no NLA_F_NESTED)
              06 00 01 00 02 00 00 00                         // AF AF_INET (u16 + pad)
              06 00 02 00 06 00 00 00                         // PROTOCOL TCP
              14 00 03 00 c6 33 64 0a 00 00 00 00 00 00 00 00 00 00 00 00  // ADDR 198.51.100.10
              06 00 04 00 00 50 00 00                         // PORT 80
              08 00 06 00 77 6c 63 00                         // SCHED_NAME "wlc"
              0c 00 07 00 02 00 00 00 ff ff ff ff             // FLAGS {HASHED, ~0}
              08 00 08 00 00 00 00 00                         // TIMEOUT 0
              08 00 09 00 ff ff ff ff                         // NETMASK /32
              5c 00 0a 00                                     // IPVS_SVC_ATTR_STATS, len 92
                08 00 01 00 07 00 00 00                       // CONNS 7
                08 00 02 00 64 00 00 00                       // INPKTS 100
                08 00 03 00 5a 00 00 00                       // OUTPKTS 90
                0c 00 04 00 10 27 00 00 00 00 00 00           // INBYTES u64 10000
                0c 00 05 00 00 00 00 00 01 00 00 00           // OUTBYTES u64 2^32
                08 00 06 00 01 00 00 00                       // CPS 1
                08 00 07 00 02 00 00 00                       // INPPS 2
                08 00 08 00 03 00 00 00                       // OUTPPS 3
                08 00 09 00 04 00 00 00                       // INBPS 4
                08 00 0a 00 05 00 00 00                       // OUTBPS 5
            68 00 00 00 25 00 02 00 09 00 00 00 34 12 00 00   // len 104
            01 01 00 00
            54 00 01 00                                       // IPVS_CMD_ATTR_SERVICE, len 84
              06 00 01 00 0a 00 00 00                         // AF AF_INET6 (u16 + pad)
              08 00 05 00 05 00 00 00                         // FWMARK 5
              07 00 06 00 73 68 00 00                         // SCHED_NAME "sh"
              08 00 0b 00 73 69 70 00                         // PE_NAME "sip"
              0c 00 07 00 13 00 00 00 ff ff ff ff             // FLAGS {PERSISTENT|HASHED|SCHED2, ~0}
              08 00 08 00 2c 01 00 00                         // TIMEOUT 300
              08 00 09 00 80 00 00 00                         // NETMASK 128
              14 00 0c 00                                     // IPVS_SVC_ATTR_STATS64, len 20
                04 00 0b 00                                   // IPVS_STATS_ATTR_PAD (alignment for u64)
                0c 00 01 00 2a 00 00 00 00 00 00 00           // CONNS u64 42 (others absent: 0)
            14 00 00 00 03 00 02 00 09 00 00 00 34 12 00 00   // NLMSG_DONE, NLM_F_MULTI
            00 00 00 00                                       // int error 0
            """;

    /** A GET_DEST dump: one destination as kernels since 5.3 send it, then NLMSG_DONE. */
    static final String DEST_DUMP = """
            8c 00 00 00 25 00 02 00 0a 00 00 00 34 12 00 00   // len 140, NLM_F_MULTI, seq 10
            05 01 00 00                                       // IPVS_CMD_NEW_DEST
            78 00 02 00                                       // IPVS_CMD_ATTR_DEST, len 120
              14 00 01 00 cb 00 71 05 00 00 00 00 00 00 00 00 00 00 00 00  // ADDR 203.0.113.5
              06 00 02 00 00 50 00 00                         // PORT 80
              08 00 03 00 03 00 00 00                         // FWD_METHOD DROUTE
              08 00 04 00 05 00 00 00                         // WEIGHT 5
              05 00 0d 00 00 00 00 00                         // TUN_TYPE 0
              06 00 0e 00 00 00 00 00                         // TUN_PORT 0
              06 00 0f 00 00 00 00 00                         // TUN_FLAGS 0
              08 00 05 00 00 00 00 00                         // U_THRESH 0
              08 00 06 00 00 00 00 00                         // L_THRESH 0
              08 00 07 00 02 00 00 00                         // ACTIVE_CONNS 2
              08 00 08 00 01 00 00 00                         // INACT_CONNS 1
              08 00 09 00 00 00 00 00                         // PERSIST_CONNS 0
              06 00 0b 00 02 00 00 00                         // ADDR_FAMILY AF_INET
            14 00 00 00 03 00 02 00 0a 00 00 00 34 12 00 00 00 00 00 00  // NLMSG_DONE, error 0
            """;

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    static List<NlMessage> messages(String hex) throws ProtocolException {
        byte[] b = Hex.bytes(hex);
        return NlMessage.parseAll(b, b.length);
    }

    @Test
    void serviceDumpBufferSplitsIntoTwoPartsAndDone() throws Exception {
        List<NlMessage> ms = messages(SERVICE_DUMP);
        assertEquals(3, ms.size());
        assertEquals(List.of(0x25, 0x25, LinuxConstants.NLMSG_DONE), ms.stream().map(NlMessage::type).toList());
        assertTrue(ms.stream().allMatch(m -> m.seq() == 9 && m.portId() == 0x1234
                && (m.flags() & LinuxConstants.NLM_F_MULTI) != 0));
        assertTrue(ms.get(2).isDone());
        assertEquals(0, ms.get(2).error());

        IpvsServiceEntry a = IpvsReplies.service(ms.get(0));
        assertEquals(IpvsService.tcp(InetAddress.getByName("198.51.100.10"), 80, "wlc")
                .withFlags(IpvsConstants.IP_VS_SVC_F_HASHED), a.service());
        assertEquals(Optional.of(new IpvsStats(7, 100, 90, 10000, 1L << 32, 1, 2, 3, 4, 5)), a.stats());
        assertEquals("198.51.100.10:tcp:80", a.service().display());

        IpvsServiceEntry b = IpvsReplies.service(ms.get(1));
        assertEquals(IpvsService.fwmark(LinuxConstants.AF_INET6, 5, "sh").withPersistence(300).withPeName("sip")
                .withFlags(0x13), b.service());
        assertEquals(Optional.of(new IpvsStats(42, 0, 0, 0, 0, 0, 0, 0, 0, 0)), b.stats());
        assertEquals("Fwm 5 inet6", b.service().display());
    }

    @Test
    void destDump() throws Exception {
        List<NlMessage> ms = messages(DEST_DUMP);
        assertEquals(2, ms.size());
        IpvsDestEntry e = IpvsReplies.dest(ms.get(0), LinuxConstants.AF_INET);
        assertEquals(IpvsDest.of(InetAddress.getByName("203.0.113.5"), 80, IpvsForwarding.ROUTE, 5), e.dest());
        assertEquals(2, e.activeConns());
        assertEquals(1, e.inactiveConns());
        assertEquals(0, e.persistentConns());
        assertEquals(Optional.empty(), e.stats());
        assertEquals(" -> 203.0.113.5:80", e.dest().display());
    }

    @Test
    void newFamilyAnswer() throws Exception {
        List<NlMessage> ms = messages("""
                44 00 00 00 10 00 00 00 01 00 00 00 34 12 00 00   // len 68, GENL_ID_CTRL, seq 1
                01 02 00 00                                       // CTRL_CMD_NEWFAMILY, version 2
                09 00 02 00 49 50 56 53 00 00 00 00               // CTRL_ATTR_FAMILY_NAME "IPVS"
                06 00 01 00 25 00 00 00                           // CTRL_ATTR_FAMILY_ID 0x25
                08 00 03 00 01 00 00 00                           // CTRL_ATTR_VERSION 1
                08 00 04 00 00 00 00 00                           // CTRL_ATTR_HDRSIZE 0
                08 00 05 00 06 00 00 00                           // CTRL_ATTR_MAXATTR 6
                04 00 06 80                                       // CTRL_ATTR_OPS (nested, empty): ignored
                """);
        assertEquals(new GenlCtrlCodec.GenlFamily(0x25, "IPVS", 1, 0, 6), GenlCtrlCodec.parseFamily(ms.get(0)));
    }

    @Test
    void infoAnswer() throws Exception {
        List<NlMessage> ms = messages("""
                24 00 00 00 25 00 00 00 03 00 00 00 34 12 00 00   // len 36
                0e 01 00 00                                       // IPVS_CMD_SET_INFO
                08 00 01 00 01 02 01 00                           // IPVS_INFO_ATTR_VERSION 0x010201
                08 00 02 00 00 10 00 00                           // IPVS_INFO_ATTR_CONN_TAB_SIZE 4096
                """);
        IpvsInfo info = IpvsReplies.info(ms.get(0));
        assertEquals(new IpvsInfo(0x010201, 4096), info);
        assertEquals("1.2.1", info.versionString());
    }

    @Test
    void errorAnswerCarriesTheNegativeErrno() throws Exception {
        List<NlMessage> ms = messages("""
                24 00 00 00 02 00 00 01 07 00 00 00 34 12 00 00   // len 36, NLMSG_ERROR, NLM_F_CAPPED, seq 7
                ef ff ff ff                                       // error -17 (EEXIST)
                68 00 00 00 25 00 05 00 07 00 00 00 00 00 00 00   // the request's header
                """);
        assertTrue(ms.get(0).isError());
        assertEquals(17, ms.get(0).error());
        IpvsException e = IpvsException.command(IpvsConstants.IPVS_CMD_NEW_SERVICE, 17, "File exists",
                IpvsService.tcp(InetAddress.getByName("198.51.100.10"), 80, "rr"), null);
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (198.51.100.10:tcp:80)",
                e.getMessage());
        assertEquals("EEXIST", e.errnoName());
    }

    @Test
    void acknowledgementAndFailedDump() throws Exception {
        assertEquals(0, messages("24 00 00 00 02 00 00 01 07 00 00 00 34 12 00 00 00 00 00 00"
                + " 68 00 00 00 25 00 05 00 07 00 00 00 00 00 00 00").get(0).error());
        assertEquals(1, messages("14 00 00 00 03 00 02 00 09 00 00 00 34 12 00 00 ff ff ff ff").get(0).error());
        assertEquals(0, messages("10 00 00 00 03 00 02 00 09 00 00 00 34 12 00 00").get(0).error());
    }

    @Test
    void truncatedOrGarbledBuffersAreProtocolErrors() {
        byte[] dump = Hex.bytes(SERVICE_DUMP);
        assertThrows(ProtocolException.class, () -> NlMessage.parseAll(dump, dump.length - 1));
        assertThrows(ProtocolException.class, () -> NlMessage.parseAll(dump, 10));
        byte[] shortLen = dump.clone();
        shortLen[0] = 8;                       // nlmsg_len below the header size
        assertThrows(ProtocolException.class, () -> NlMessage.parseAll(shortLen, shortLen.length));
        byte[] longAttr = dump.clone();
        longAttr[20] = (byte) 0xf0;            // IPVS_CMD_ATTR_SERVICE longer than the message
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> IpvsReplies.service(NlMessage.parseAll(longAttr, longAttr.length).get(0)));
        assertTrue(e.getMessage().startsWith("genetlink: attribute type 1"), e.getMessage());
    }

    @Test
    void missingAttributesAreNamed() throws Exception {
        byte[] dump = Hex.bytes(SERVICE_DUMP);
        dump[70] = 0x1e;                       // SCHED_NAME (type 6, attribute at offset 68) becomes type 30
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> IpvsReplies.service(NlMessage.parseAll(dump, dump.length).get(0)));
        assertEquals("IPVS_SVC_ATTR_SCHED_NAME: missing", e.getMessage());
        byte[] badFwd = Hex.bytes(DEST_DUMP);
        badFwd[24 + 20 + 8 + 4] = 7;           // FWD_METHOD 7: no such method
        assertThrows(ProtocolException.class,
                () -> IpvsReplies.dest(NlMessage.parseAll(badFwd, badFwd.length).get(0), LinuxConstants.AF_INET));
        assertFalse(NlMessage.parseAll(badFwd, badFwd.length).get(0).isError());
    }
}
