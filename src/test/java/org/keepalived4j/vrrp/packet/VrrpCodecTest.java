package org.keepalived4j.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The codec against adverts captured from real keepalived 2.2.7 (src/test/resources/vrrp). */
class VrrpCodecTest {

    /** A captured frame split into its parts. */
    record Frame(String description, byte[] ip, boolean ipv6, InetAddress src, InetAddress dst, byte[] vrrp) {
    }

    static List<Frame> frames() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/vrrp/keepalived-2.2.7-adverts.txt"));
        List<Frame> out = new ArrayList<>();
        String desc = null;
        for (String l : lines) {
            if (l.startsWith("# IP")) {
                desc = l.substring(2);
            } else if (!l.startsWith("#") && !l.isBlank()) {
                byte[] eth = HexFormat.of().parseHex(l);
                byte[] ip = Arrays.copyOfRange(eth, 14, eth.length);
                boolean v6 = (ip[0] & 0xf0) == 0x60;
                int hl = v6 ? 40 : (ip[0] & 0x0f) * 4;
                InetAddress s = InetAddress.getByAddress(Arrays.copyOfRange(ip, v6 ? 8 : 12, v6 ? 24 : 16));
                InetAddress d = InetAddress.getByAddress(Arrays.copyOfRange(ip, v6 ? 24 : 16, v6 ? 40 : 20));
                out.add(new Frame(desc, ip, v6, s, d, Arrays.copyOfRange(ip, hl, ip.length)));
            }
        }
        return out;
    }

    private static Frame frame(String contains) throws IOException {
        return frames().stream().filter(f -> f.description().contains(contains)).findFirst().orElseThrow();
    }

    private static VrrpPacket decodeOk(Frame f) {
        VrrpCodec.Decoded d = VrrpCodec.decode(f.vrrp(), 0, f.vrrp().length, f.src(), f.dst(), false);
        return assertInstanceOf(VrrpCodec.Decoded.Ok.class, d, f.description()).packet();
    }

    @Test
    void decodesKeepalivedV2WithPassword() throws IOException {
        VrrpPacket p = decodeOk(frame("VRRPv2"));
        assertEquals(2, p.version());
        assertEquals(51, p.vrid());
        assertEquals(150, p.priority());
        assertEquals(VrrpPacket.AUTH_PASS, p.authType());
        assertEquals(1, p.advertInterval());
        assertEquals(List.of(InetAddress.getByName("198.51.100.100")), p.addresses());
        assertEquals("secret12", new String(p.authData(), StandardCharsets.US_ASCII));
    }

    @Test
    void decodesKeepalivedV3Ipv4WithPseudoHeaderChecksum() throws IOException {
        VrrpPacket p = decodeOk(frame("vrid 52"));
        assertEquals(3, p.version());
        assertEquals(120, p.priority());
        assertEquals(50, p.advertInterval());
        assertEquals(500_000, p.advertIntervalMicros());
        assertEquals(2, p.addresses().size());
    }

    @Test
    void decodesKeepalivedV3Ipv6() throws IOException {
        VrrpPacket p = decodeOk(frame("IP6"));
        assertEquals(3, p.version());
        assertEquals(53, p.vrid());
        assertEquals(100, p.advertInterval());
        assertEquals(List.of(InetAddress.getByName("fe80::53"), InetAddress.getByName("2001:db8::100")), p.addresses());
    }

    @Test
    void reEncodingGivesKeepalivedsBytesExactly() throws IOException {
        for (Frame f : frames()) {
            VrrpPacket p = decodeOk(f);
            assertArrayEquals(f.vrrp(), VrrpCodec.encode(p, f.src(), f.dst(), false), f.description());
        }
    }

    @Test
    void ipv4HeaderIsBuiltLikeKeepalivedsOwn() throws IOException {
        for (Frame f : frames()) {
            if (f.ipv6()) {
                continue;
            }
            Ipv4Header h = Ipv4Header.parse(f.ip(), f.ip().length);
            assertEquals(Ipv4Header.TOS_VRRP, h.tos());
            assertEquals(255, h.ttl());
            assertEquals(0, h.flagsFragment(), "no DF");
            byte[] built = Ipv4Header.build(h.tos(), h.identification(), h.ttl(), h.protocol(),
                    (Inet4Address) f.src(), (Inet4Address) f.dst(), f.vrrp());
            assertArrayEquals(f.ip(), built, f.description());
        }
    }

    @Test
    void v3ChecksumWithoutPseudoHeaderIsAlsoUnderstoodWhenConfigured() throws IOException {
        Frame f = frame("vrid 52");
        VrrpPacket p = decodeOk(f);
        byte[] asV2 = VrrpCodec.encode(p, f.src(), f.dst(), true);
        assertInstanceOf(VrrpCodec.Decoded.Ok.class, VrrpCodec.decode(asV2, 0, asV2.length, f.src(), f.dst(), true));
        VrrpCodec.Decoded d = VrrpCodec.decode(asV2, 0, asV2.length, f.src(), f.dst(), false);
        assertEquals(DropReason.BAD_CHECKSUM, assertInstanceOf(VrrpCodec.Decoded.Dropped.class, d).reason());
    }

    @Test
    void everySingleByteCorruptionIsDroppedWithAReason() throws IOException {
        for (Frame f : frames()) {
            for (int i = 0; i < f.vrrp().length; i++) {
                byte[] bad = f.vrrp().clone();
                bad[i] ^= 0x5a;
                VrrpCodec.Decoded d = VrrpCodec.decode(bad, 0, bad.length, f.src(), f.dst(), false);
                VrrpCodec.Decoded.Dropped drop = assertInstanceOf(VrrpCodec.Decoded.Dropped.class, d,
                        f.description() + " byte " + i);
                assertTrue(!drop.detail().isEmpty());
            }
        }
    }

    @Test
    void dropReasonsNameTheField() throws IOException {
        Frame f = frame("VRRPv2");
        byte[] b = f.vrrp().clone();
        b[0] = 0x41;
        assertEquals(DropReason.BAD_VERSION, reason(b, f));
        b = f.vrrp().clone();
        b[0] = 0x22;
        assertEquals(DropReason.BAD_TYPE, reason(b, f));
        b = f.vrrp().clone();
        b[3] = 0;
        assertEquals(DropReason.WRONG_LENGTH, reason(b, f));
        b = f.vrrp().clone();
        b[7] ^= 1;
        VrrpCodec.Decoded.Dropped d = (VrrpCodec.Decoded.Dropped) VrrpCodec.decode(b, 0, b.length, f.src(), f.dst(), false);
        assertEquals("Invalid VRRPv2 checksum 0xafb2, expected 0xafb3", d.detail());
        assertEquals(DropReason.TOO_SHORT, reason(Arrays.copyOf(b, 5), f));
        assertEquals(DropReason.WRONG_LENGTH, reason(Arrays.copyOf(f.vrrp(), 19), f));
    }

    private static DropReason reason(byte[] b, Frame f) {
        return ((VrrpCodec.Decoded.Dropped) VrrpCodec.decode(b, 0, b.length, f.src(), f.dst(), false)).reason();
    }
}
