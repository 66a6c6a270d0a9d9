package org.keepalived4j.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The AH codec against datagrams real keepalived 2.2.7 sent (tcpdump -w in a namespace, a
 * keepalived instance VI_1, VRID 51, priority 150, advert_int 1, VIP 198.51.100.100, source
 * 198.51.100.11): our encoder must produce the same bytes and our verifier must accept them.
 */
class AhCodecTest {
    /** Multicast, auth_pass secret12, first advert after "Entering MASTER STATE": id 1, seq 1. */
    static final String MCAST_SEQ1 = "45c00040000100 00ff33b078c633640be0000012"
            + "70040000c633640b00000001e394141243c4ab3083bf6d6e"
            + "21339601 02011c32 c6336464 0000000000000000";
    /** The same run, second advert: id 2, seq 2. */
    static final String MCAST_SEQ2 = "45c0004000020000ff33b077c633640be0000012"
            + "70040000c633640b000000023bd64e1642287b77d64c3865"
            + "2133960102011c32c63364640000000000000000";
    /** auth_pass abc (shorter than 8: zero padded), third advert is the priority 0 one of SIGTERM. */
    static final String MCAST_SHORT_KEY_PRIO0 = "45c0004000030000ff33b076c633640be0000012"
            + "70040000c633640b000000035267bafacfbd89186c18677a"
            + "2133000102 01b232c63364640000000000000000";
    /** unicast_peer { 198.51.100.12 198.51.100.13 }, secret12: one advert, two datagrams, same id and seq. */
    static final String UNI_TO_12 = "45c0004000010000ff33664bc633640bc633640c"
            + "70040000c633640b0000000112ec30808e74a8f16a8d6320"
            + "2133960102011c32c63364640000000000000000";
    static final String UNI_TO_13 = "45c0004000010000ff33664ac633640bc633640d"
            + "70040000c633640b0000000159cfcec00c17a9748aedebd7"
            + "2133960102011c32c63364640000000000000000";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static Inet4Address ip(String a) throws Exception {
        return (Inet4Address) InetAddress.getByName(a);
    }

    static byte[] vrrp(int prio) throws Exception {
        return VrrpCodec.encode(new VrrpPacket(2, 51, prio, VrrpPacket.AUTH_AH, 1,
                List.of(InetAddress.getByName("198.51.100.100")), new byte[8]), ip("198.51.100.11"),
                ip("224.0.0.18"), false);
    }

    @Test
    void encodesExactlyWhatKeepalivedSendsMulticast() throws Exception {
        byte[] key = AhCodec.key("secret12");
        assertArrayEquals(hex(MCAST_SEQ1), AhCodec.encode(1, 255, ip("198.51.100.11"), ip("224.0.0.18"), 1, vrrp(150),
                key, false));
        assertArrayEquals(hex(MCAST_SEQ2), AhCodec.encode(2, 255, ip("198.51.100.11"), ip("224.0.0.18"), 2, vrrp(150),
                key, false));
    }

    @Test
    void shortPasswordIsZeroPaddedAndPriorityZeroIsSignedToo() throws Exception {
        assertArrayEquals(hex(MCAST_SHORT_KEY_PRIO0), AhCodec.encode(3, 255, ip("198.51.100.11"), ip("224.0.0.18"), 3,
                vrrp(0), AhCodec.key("abc"), false));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 0, 0}, AhCodec.key("abc"));
    }

    @Test
    void unicastLeavesTheTtlOutOfTheDigestAndSignsEachPeer() throws Exception {
        byte[] key = AhCodec.key("secret12");
        assertArrayEquals(hex(UNI_TO_12), AhCodec.encode(1, 255, ip("198.51.100.11"), ip("198.51.100.12"), 1, vrrp(150),
                key, true));
        assertArrayEquals(hex(UNI_TO_13), AhCodec.encode(1, 255, ip("198.51.100.11"), ip("198.51.100.13"), 1, vrrp(150),
                key, true));
        byte[] d = hex(UNI_TO_12);
        d[8] = 64;      // another TTL: still valid with unicast, as keepalived zeroes it
        assertTrue(AhCodec.verify(d, 20, d.length, key, true));
        assertFalse(AhCodec.verify(d, 20, d.length, key, false));
    }

    @Test
    void verifiesKeepalivedDatagramsAndRejectsEveryAlteration() {
        byte[] key = AhCodec.key("secret12");
        for (String s : List.of(MCAST_SEQ1, MCAST_SEQ2)) {
            byte[] d = hex(s);
            assertTrue(AhCodec.verify(d, 20, d.length, key, false), s);
            assertFalse(AhCodec.verify(d, 20, d.length, AhCodec.key("secret13"), false));
            assertFalse(AhCodec.verify(d, 20, d.length, key, true), "multicast keeps the TTL in the digest");
        }
        byte[] d = hex(MCAST_SEQ1);
        for (int i = 0; i < d.length; i++) {
            boolean mutable = i == 1 || i == 6 || i == 7 || i == 10 || i == 11 || (i >= 32 && i < 44);
            byte[] c = d.clone();
            c[i] ^= 0x01;
            if (i >= 32 && i < 44) {
                assertFalse(AhCodec.verify(c, 20, c.length, key, false), "ICV byte " + i);
            } else {
                assertEquals(mutable, AhCodec.verify(c, 20, c.length, key, false), "byte " + i);
            }
        }
        byte[] c = d.clone();
        c[1] = 0;       // TOS, flags and checksum are mutable: keepalived's receiver zeroes them
        c[6] = 0x40;
        c[10] = 0;
        c[11] = 0;
        assertTrue(AhCodec.verify(c, 20, c.length, key, false));
    }

    @Test
    void parsesTheAhHeader() {
        byte[] d = hex(MCAST_SEQ2);
        AhCodec.AhHeader h = AhCodec.parse(d, 20, d.length);
        assertEquals(112, h.nextHeader());
        assertEquals(4, h.payloadLen());
        assertEquals(0xc633640bL, h.spi());
        assertEquals(2, h.sequence());
        assertArrayEquals(hex("3bd64e1642287b77d64c3865"), h.icv());
        assertNull(AhCodec.parse(d, 20, 43));
        byte[] big = hex(MCAST_SEQ1);
        big[28] = (byte) 0xff;
        big[29] = (byte) 0xff;
        big[30] = (byte) 0xff;
        big[31] = (byte) 0xfe;
        assertEquals(0xfffffffeL, AhCodec.parse(big, 20, big.length).sequence(), "unsigned");
    }

    @Test
    void theVrrpMessageInsideIsAnOrdinaryV2AdvertWithAuthType2() {
        byte[] d = hex(MCAST_SEQ1);
        VrrpCodec.Decoded dec = VrrpCodec.decode(d, 44, d.length - 44, InetAddress.getLoopbackAddress(),
                InetAddress.getLoopbackAddress(), false);
        VrrpPacket p = ((VrrpCodec.Decoded.Ok) dec).packet();
        assertEquals(VrrpPacket.AUTH_AH, p.authType());
        assertEquals(150, p.priority());
        assertArrayEquals(new byte[8], p.authData(), "the 8-byte auth field stays zero with AH");
    }
}
