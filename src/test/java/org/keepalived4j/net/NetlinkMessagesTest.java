package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.config.model.VipAddress;

/**
 * The address and link requests, byte for byte (host order: x86-64/little endian). The bytes were
 * produced by the hand-written encoders these codecs had before they moved onto the shared
 * {@link NetlinkWriter}; those were proven against the kernel and keepalived by the VIP and VMAC
 * integration tests, so any difference here is a regression.
 */
class NetlinkMessagesTest {
    static final VipAddress V4 = vip("198.51.100.10", 24, Optional.of("+"), Optional.of("link"), Optional.of("eth0:vip"),
            true);
    static final VipAddress V6 = vip("2001:db8::10", 64, Optional.empty(), Optional.empty(), Optional.empty(), false);
    static final byte[] VMAC = {0, 0, 0x5e, 0, 1, 51};
    static final Inet6Address LL = (Inet6Address) address("fe80::1");

    static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static VipAddress vip(String a, int prefix, Optional<String> brd, Optional<String> scope, Optional<String> label,
                          boolean noPrefixRoute) {
        return new VipAddress(address(a), prefix, Optional.empty(), Optional.empty(), brd, scope, label,
                Optional.empty(), false, noPrefixRoute, false, false, null);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
            Arguments.of("addV4", (Supplier<byte[]>) () -> RtnetlinkCodec.addressMessage(true, 7, 3, V4),
                        "48000000140005060700000000000000021800fd0300000008000200c633640a" +
                        "08000100c633640a08000400c63364ff0d000300657468303a76697000000000" +
                        "0800080000020000"),
            Arguments.of("delV4", (Supplier<byte[]>) () -> RtnetlinkCodec.addressMessage(false, 8, 3, V4),
                        "30000000150005000800000000000000021800fd0300000008000200c633640a" +
                        "08000100c633640a0800080000020000"),
            Arguments.of("addV6", (Supplier<byte[]>) () -> RtnetlinkCodec.addressMessage(true, 9, 4, V6),
                        "480000001400050609000000000000000a400200040000001400020020010db8" +
                        "0000000000000000000000101400010020010db8000000000000000000000010" +
                        "0800080002000000"),
            Arguments.of("addrDump", (Supplier<byte[]>) () -> RtnetlinkCodec.getAddrDump(10, 2),
                        "18000000160001030a000000000000000200000000000000"),
            Arguments.of("newMacvlan", (Supplier<byte[]>) () -> LinkCodec.newMacvlan(11, "vrrp.51", 2, VMAC, 1),
                        "5c000000100005060b0000000000000000000000000000000000000000000000" +
                        "0a00010000005e000133000008000500020000000c000300767272702e353100" +
                        "1c0012000b0001006d6163766c616e000c0002000800010001000000"),
            Arguments.of("updateMacvlan", (Supplier<byte[]>) () -> LinkCodec.updateMacvlan(12, 5, VMAC, 1),
                        "48000000100005000c0000000000000000000000050000000000000000000000" +
                        "1c0012000b0001006d6163766c616e000c00020008000100010000000a000100" +
                        "00005e0001330000"),
            Arguments.of("delLink", (Supplier<byte[]>) () -> LinkCodec.delLink(13, 5),
                        "20000000110005000d0000000000000000000000050000000000000000000000"),
            Arguments.of("setUp", (Supplier<byte[]>) () -> LinkCodec.setUp(14, 5),
                        "20000000100005000e0000000000000000000000050000000100000001000000"),
            Arguments.of("addrGenModeNone", (Supplier<byte[]>) () -> LinkCodec.addrGenModeNone(15, 5),
                        "30000000100005000f0000000000000000000000050000000000000000000000" +
                        "10001a000c000a000500080001000000"),
            Arguments.of("linkLocalAdd", (Supplier<byte[]>) () -> LinkCodec.linkLocal(true, 16, 5, LL),
                        "480000001400050010000000000000000a400000050000001400060000000000" +
                        "ffffffff000000000000000014000200fe800000000000000000000000000001" +
                        "0800080002000000"),
            Arguments.of("linkLocalDel", (Supplier<byte[]>) () -> LinkCodec.linkLocal(false, 17, 5, LL),
                        "2c0000001500050011000000000000000a4000000500000014000200fe800000" +
                        "000000000000000000000001"),
            Arguments.of("linkDump", (Supplier<byte[]>) () -> LinkCodec.getLinkDump(18),
                        "2000000012000103120000000000000000000000000000000000000000000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void sameBytesAsBefore(String name, Supplier<byte[]> message, String hex) {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(hex, HexFormat.of().formatHex(message.get()), name);
    }
}
