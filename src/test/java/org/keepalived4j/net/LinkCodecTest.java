package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The VMAC link messages against what iproute2 and keepalived 2.2.7 send (strace -xx captures,
 * x86_64), and the parser against a kernel answer captured the same way.
 */
class LinkCodecTest {
    private static final int SEQ = 1796553051;

    /** nlmsghdr as strace shows it, then the payload bytes strace printed. */
    private static byte[] message(int type, int flags, String payloadHex) {
        byte[] payload = HexFormat.of().parseHex(payloadHex.replace("\\x", ""));
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + payload.length).putShort((short) type).putShort((short) flags).putInt(SEQ).putInt(0).put(payload);
        return b.array();
    }

    private static final byte[] VMAC = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x33};

    @Test
    void createIsByteForByteWhatIpLinkAddSends() {
        // ip link add link veth0 name vrrp.51 address 00:00:5e:00:01:33 type macvlan mode private (veth0 = 3)
        byte[] ip = message(0x10, 0x605, "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x0a\\x00\\x01\\x00\\x00\\x00\\x5e\\x00\\x01\\x33\\x00\\x00\\x08\\x00\\x05\\x00\\x03\\x00\\x00\\x00"
                + "\\x0c\\x00\\x03\\x00\\x76\\x72\\x72\\x70\\x2e\\x35\\x31\\x00\\x1c\\x00\\x12\\x00\\x0b\\x00\\x01\\x00"
                + "\\x6d\\x61\\x63\\x76\\x6c\\x61\\x6e\\x00\\x0c\\x00\\x02\\x00\\x08\\x00\\x01\\x00\\x01\\x00\\x00\\x00");
        assertEquals(92, ip.length);
        assertArrayEquals(ip, LinkCodec.newMacvlan(SEQ, "vrrp.51", 3, VMAC, IfLink.MACVLAN_MODE_PRIVATE));
    }

    @Test
    void createWithANameNeedingPaddingMatchesIpToo() {
        // ip link add link veth0 name vrrp6.51 address 00:00:5e:00:02:33 type macvlan mode private
        byte[] ip = message(0x10, 0x605, "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x0a\\x00\\x01\\x00\\x00\\x00\\x5e\\x00\\x02\\x33\\x00\\x00\\x08\\x00\\x05\\x00\\x03\\x00\\x00\\x00"
                + "\\x0d\\x00\\x03\\x00\\x76\\x72\\x72\\x70\\x36\\x2e\\x35\\x31\\x00\\x00\\x00\\x00\\x1c\\x00\\x12\\x00"
                + "\\x0b\\x00\\x01\\x00\\x6d\\x61\\x63\\x76\\x6c\\x61\\x6e\\x00\\x0c\\x00\\x02\\x00\\x08\\x00\\x01\\x00"
                + "\\x01\\x00\\x00\\x00");
        assertArrayEquals(ip, LinkCodec.newMacvlan(SEQ, "vrrp6.51", 3, new byte[] {0, 0, 0x5e, 0, 2, 0x33},
                IfLink.MACVLAN_MODE_PRIVATE));
    }

    @Test
    void deleteUpAndAddrGenModeAreWhatIpSends() {
        // ip link del vrrp.51 (ifindex 4)
        assertArrayEquals(message(0x11, 0x05, "\\x00\\x00\\x00\\x00\\x04\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"),
                LinkCodec.delLink(SEQ, 4));
        // ip link set vrrp.51 up
        assertArrayEquals(message(0x10, 0x05, "\\x00\\x00\\x00\\x00\\x04\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x01\\x00\\x00\\x00"),
                LinkCodec.setUp(SEQ, 4));
        // ip link set vrrp.51 addrgenmode none (keepalived 2.2.7 sends the same 48 bytes)
        assertArrayEquals(message(0x10, 0x05, "\\x00\\x00\\x00\\x00\\x04\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                        + "\\x10\\x00\\x1a\\x00\\x0c\\x00\\x0a\\x00\\x05\\x00\\x08\\x00\\x01\\x00\\x00\\x00"),
                LinkCodec.addrGenModeNone(SEQ, 4));
    }

    /** keepalived 2.2.7's own request (strace): same attributes, its order, name and kind without NUL. */
    @Test
    void createCarriesTheAttributesKeepalivedSends() {
        byte[] ours = LinkCodec.newMacvlan(SEQ, "vrrp.51", 2, VMAC, IfLink.MACVLAN_MODE_PRIVATE);
        ByteBuffer b = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(IfLink.RTM_GETLINK - 2, b.getShort(4));   // RTM_NEWLINK
        // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, as keepalived's strace shows
        assertEquals(0x605, b.getShort(6));
        List<Integer> types = new ArrayList<>();
        for (int a = 32; a < ours.length; a += (b.getShort(a) + 3) & ~3) {
            types.add((int) b.getShort(a + 2));
        }
        assertEquals(List.of(IfLink.IFLA_ADDRESS, IfLink.IFLA_LINK, IfLink.IFLA_IFNAME, IfLink.IFLA_LINKINFO), types);
    }

    @Test
    void linkLocalAddressIsKeepalivedsDeprecatedNodadAddress() throws IOException {
        Inet6Address ll = (Inet6Address) InetAddress.getByName("fe80::44c1:98ff:fe02:ac57");
        byte[] m = LinkCodec.linkLocal(true, SEQ, 4, ll);
        // keepalived: RTM_NEWADDR, NLM_F_REQUEST|NLM_F_ACK, ifaddrmsg{AF_INET6, 64, 0, 0, 4},
        // IFA_CACHEINFO{prefered 0, valid 0xffffffff, 0, 0}, IFA_LOCAL, IFA_FLAGS IFA_F_NODAD: 72 bytes
        String expected = "0a400000" + "04000000"
                + "14000600" + "00000000" + "ffffffff" + "00000000" + "00000000"
                + "14000200" + "fe80000000000000" + "44c198fffe02ac57"
                + "08000800" + "02000000";
        assertArrayEquals(message(20, 0x05, expected), m);
        assertEquals(72, m.length);
        byte[] del = LinkCodec.linkLocal(false, SEQ, 4, ll);
        assertArrayEquals(message(21, 0x05, "0a40000004000000" + "14000200fe8000000000000044c198fffe02ac57"), del);
    }

    @Test
    void parsesTheKernelsAnswerForAPrivateMacvlan() throws IOException {
        byte[] answer = hex(Path.of("src/test/resources/net/rtm_newlink_macvlan_private.hex"));
        assertEquals(1172, answer.length);
        List<LinkCodec.Link> out = new ArrayList<>();
        assertFalse(LinkCodec.parseLinkDump(answer, answer.length, out), "one message, no NLMSG_DONE yet");
        assertEquals(1, out.size());
        LinkCodec.Link l = out.get(0);
        assertEquals("vrrp.51", l.name());
        assertEquals(4, l.index());
        assertEquals(3, l.link());
        assertArrayEquals(VMAC, l.mac());
        assertEquals("macvlan", l.kind());
        assertEquals(IfLink.MACVLAN_MODE_PRIVATE, l.macvlanMode());
        assertTrue(l.isPrivateMacvlan());
        assertTrue(l.upAndRunning());
    }

    @Test
    void truncatedOrCorruptAnswersDoNotThrow() throws IOException {
        byte[] answer = hex(Path.of("src/test/resources/net/rtm_newlink_macvlan_private.hex"));
        for (int cut = 0; cut < answer.length; cut += 7) {
            List<LinkCodec.Link> out = new ArrayList<>();
            LinkCodec.parseLinkDump(answer, cut, out);
            assertTrue(out.isEmpty(), "a cut message is not reported: " + cut);
        }
        for (int i = 16; i < answer.length; i += 3) {
            byte[] c = answer.clone();
            c[i] ^= (byte) 0xff;
            LinkCodec.parseLinkDump(c, c.length, new ArrayList<>());
        }
    }

    @Test
    void dumpEndsAtDone() {
        byte[] done = message(LinuxConstants.NLMSG_DONE, 2, "00000000");
        assertTrue(LinkCodec.parseLinkDump(done, done.length, new ArrayList<>()));
        byte[] req = LinkCodec.getLinkDump(7);
        assertEquals(32, req.length);
        assertEquals(IfLink.RTM_GETLINK, ByteBuffer.wrap(req).order(ByteOrder.LITTLE_ENDIAN).getShort(4));
    }

    static byte[] hex(Path p) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String l : Files.readAllLines(p)) {
            if (!l.startsWith("#")) {
                s.append(l.replace(" ", ""));
            }
        }
        return HexFormat.of().parseHex(s);
    }
}
