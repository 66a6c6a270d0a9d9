package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.net.LinuxConstants;

/**
 * Against real captures (src/test/resources/ipvs/*.hex, recorded with strace in the IPVS test
 * VM): our requests equal keepalived 2.2.7's byte for byte (but nlmsg_pid), and we read the
 * kernel's answers to ipvsadm.
 */
class IpvsCaptureTest {
    static final int FAMILY = 0x20;   // the id the VM's kernel gave "IPVS"

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "captured on x86_64");
    }

    /** The [name] sections of a capture file. */
    static Map<String, byte[]> load(String resource) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = IpvsCaptureTest.class.getResourceAsStream(resource)) {
            String name = null;
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("[")) {
                    name = line.substring(1, line.indexOf(']'));
                    hex.setLength(0);
                } else if (name != null && !line.isBlank() && !line.startsWith("#")) {
                    hex.append(line).append('\n');
                    out.put(name, Hex.bytes(hex.toString()));
                }
            }
        }
        return out;
    }

    static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    /** Our message equals keepalived's except nlmsg_pid (bytes 12..15), with keepalived's sequence number. */
    static void assertLikeKeepalived(byte[] keepalived, java.util.function.IntFunction<byte[]> ours) {
        int seq = ByteBuffer.wrap(keepalived).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        byte[] mine = ours.apply(seq);
        byte[] theirs = keepalived.clone();
        Arrays.fill(theirs, 12, 16, (byte) 0);
        assertEquals(Hex.of(theirs), Hex.of(mine));
    }

    @Test
    void requestsAreKeepalivedsBytes() throws Exception {
        Map<String, byte[]> k = load("/ipvs/keepalived-2.2.7-requests.hex");
        IpvsService tcp = IpvsService.tcp(ip("198.51.100.10"), 80, "rr");
        IpvsDest rs = IpvsDest.of(ip("203.0.113.5"), 8080, IpvsForwarding.MASQ, 3).withThresholds(100, 10);
        IpvsService fwm = IpvsService.fwmark(LinuxConstants.AF_INET, 5, "sh");
        IpvsService fwmPersistent = fwm.withPersistence(300).withNetmask(0xffffff00L);
        IpvsDest tun = IpvsDest.of(ip("203.0.113.6"), 0, IpvsForwarding.TUNNEL, 1);
        assertLikeKeepalived(k.get("getfamily"), s -> GenlCtrlCodec.getFamily(s, "IPVS"));
        assertLikeKeepalived(k.get("getinfo"), s -> IpvsCodec.getInfo(FAMILY, s));
        assertLikeKeepalived(k.get("new-service-tcp"), s -> IpvsCodec.service(FAMILY, s, IPVS_CMD_NEW_SERVICE, tcp));
        assertLikeKeepalived(k.get("new-dest-tcp"), s -> IpvsCodec.dest(FAMILY, s, IPVS_CMD_NEW_DEST, tcp, rs));
        assertLikeKeepalived(k.get("new-service-fwmark"),
                s -> IpvsCodec.service(FAMILY, s, IPVS_CMD_NEW_SERVICE, fwmPersistent));
        assertLikeKeepalived(k.get("new-dest-fwmark"), s -> IpvsCodec.dest(FAMILY, s, IPVS_CMD_NEW_DEST, fwm, tun));
        assertLikeKeepalived(k.get("del-dest-tcp"), s -> IpvsCodec.dest(FAMILY, s, IPVS_CMD_DEL_DEST, tcp, rs));
        assertLikeKeepalived(k.get("del-service-tcp"), s -> IpvsCodec.service(FAMILY, s, IPVS_CMD_DEL_SERVICE, tcp));
        assertLikeKeepalived(k.get("del-dest-fwmark"), s -> IpvsCodec.dest(FAMILY, s, IPVS_CMD_DEL_DEST, fwm, tun));
        assertLikeKeepalived(k.get("del-service-fwmark"),
                s -> IpvsCodec.service(FAMILY, s, IPVS_CMD_DEL_SERVICE, fwmPersistent));
    }

    static List<NlMessage> messages(byte[] b) throws IOException {
        return NlMessage.parseAll(b, b.length);
    }

    @Test
    void kernelAnswersAreRead() throws Exception {
        Map<String, byte[]> a = load("/ipvs/kernel-6.1-answers.hex");
        assertEquals(new GenlCtrlCodec.GenlFamily(FAMILY, "IPVS", 1, 0, 6),
                GenlCtrlCodec.parseFamily(messages(a.get("ctrl-newfamily-ipvs")).get(0)));
        NlMessage ack = messages(a.get("ack-getfamily")).get(0);
        assertTrue(ack.isError());
        assertEquals(0, ack.error());
        assertEquals(new IpvsInfo(0x010201, 4096), IpvsReplies.info(messages(a.get("set-info")).get(0)));

        List<NlMessage> dump = messages(a.get("service-dump"));
        assertEquals(2, dump.size());
        IpvsServiceEntry tcp = IpvsReplies.service(dump.get(0));
        assertEquals(IpvsService.tcp(ip("198.51.100.10"), 80, "wlc").withFlags(IP_VS_SVC_F_HASHED), tcp.service());
        assertEquals(new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), tcp.stats().orElseThrow());
        IpvsService fwm = IpvsReplies.service(dump.get(1)).service();
        assertEquals(IpvsService.fwmark(LinuxConstants.AF_INET, 5, "sh").withPersistence(300).withNetmask(0xffffff00L)
                .withFlags(IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_HASHED), fwm);
        NlMessage done = messages(a.get("service-dump-done")).get(0);
        assertTrue(done.isDone());
        assertEquals(0, done.error());

        IpvsDestEntry rs = IpvsReplies.dest(messages(a.get("dest-dump-tcp")).get(0), LinuxConstants.AF_INET);
        assertEquals(IpvsDest.of(ip("203.0.113.5"), 8080, IpvsForwarding.MASQ, 3).withThresholds(100, 10), rs.dest());
        assertEquals(0, rs.activeConns());
        assertTrue(rs.stats().isPresent());
        assertEquals(IpvsDest.of(ip("203.0.113.6"), 0, IpvsForwarding.TUNNEL, 1),
                IpvsReplies.dest(messages(a.get("dest-dump-fwmark")).get(0), LinuxConstants.AF_INET).dest());

        NlMessage eexist = messages(a.get("error-eexist")).get(0);
        assertEquals(17, eexist.error());
        byte[] request = Arrays.copyOfRange(eexist.payload(), 4, eexist.payload().length);
        assertArrayEquals(Arrays.copyOfRange(request, 16, request.length), Arrays.copyOfRange(
                IpvsCodec.service(FAMILY, 1, IPVS_CMD_NEW_SERVICE, IpvsService.tcp(ip("198.51.100.10"), 80, "wlc")), 16,
                104), "the error echoes ipvsadm's request, which is ours");
    }
}
