package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.DropReason;
import org.keepalived4j.vrrp.packet.Ipv4Header;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.AdvertPort;
import org.keepalived4j.vrrp.port.Ports;

/** Instances with auth_type AH on fake ports: what they send, what they accept, what they refuse and say. */
class AhRuntimeTest {
    static final long S = 1_000_000;
    /** Sent by real keepalived 2.2.7 (VI_1, VRID 51, priority 150, from 198.51.100.11, auth_pass secret12): seq 1. */
    static final String KEEPALIVED_SEQ1 = "45c0004000010000ff33b078c633640be0000012"
            + "70040000c633640b00000001e394141243c4ab3083bf6d6e2133960102011c32c63364640000000000000000";

    @TempDir
    Path dir;
    final List<String> logs = new ArrayList<>();
    final List<byte[]> wire = new ArrayList<>();
    final InetAddress group = addr("224.0.0.18");

    static InetAddress addr(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    VrrpInstanceConfig config(int prio, String pass, String extra) {
        return ConfigFixture.load(dir, "vrrp_instance VI_1 {\n state BACKUP\n interface eth0\n"
                + " virtual_router_id 51\n priority " + prio + "\n advert_int 1\n" + extra + " authentication {\n"
                + "  auth_type AH\n  auth_pass " + pass + "\n }\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n")
                .config().vrrpInstances().get(0);
    }

    InstanceRuntime instance(String source, int prio, String pass) {
        Ports ports = new Ports(new AdvertPort() {
            public void send(String ifname, InetAddress src, InetAddress dst, byte[] message, int ttl) {
                throw new AssertionError("an AH instance sends whole datagrams");
            }

            @Override
            public void sendIpv4(String ifname, Inet4Address dst, byte[] datagram) {
                wire.add(datagram);
            }
        }, new org.keepalived4j.vrrp.port.VipPort() {
            public void add(String ifname, VipAddress v) {
            }

            public void remove(String ifname, VipAddress v) {
            }
        }, (ifname, a) -> { }, new org.keepalived4j.vrrp.port.LogPort() {
            public void info(String line) {
                logs.add(line);
            }

            public void detail(String line) {
                logs.add("D " + line);
            }
        }, (name, from, to, p) -> { }, new org.keepalived4j.vrrp.port.FakeRoutePort());
        return new InstanceRuntime(config(prio, pass, ""), "eth0", addr(source), group, ports);
    }

    /** What our socket reader makes of a datagram (daemon.VrrpSockets.advert()). */
    static ReceivedAdvert received(byte[] d) {
        Ipv4Header h = Ipv4Header.parse(d, d.length);
        int at = h.headerLength() + (h.protocol() == AhCodec.IPPROTO_AH ? AhCodec.AH_LENGTH : 0);
        return new ReceivedAdvert("eth0", h.source(), h.destination(), h.ttl(), Arrays.copyOfRange(d, at, d.length),
                h.protocol(), Arrays.copyOf(d, h.protocol() == AhCodec.IPPROTO_AH ? at : 0));
    }

    static long seq(byte[] d) {
        return AhCodec.parse(d, 20, d.length).sequence();
    }

    /** Start and run the down timer out: MASTER. */
    static void master(InstanceRuntime r) {
        r.start(0, false);
        r.tick(r.nextDeadline());
        assertEquals(VrrpState.MASTER, r.state());
    }

    @Test
    void ourBackupAcceptsKeepalivedsAdvertAndContinuesItsSequence() {
        InstanceRuntime b = instance("198.51.100.12", 100, "secret12");
        b.start(0, false);
        b.receive(S, received(HexFormat.of().parseHex(KEEPALIVED_SEQ1)));
        assertEquals(1, b.stats().advertsReceived(), logs.toString());
        assertEquals(VrrpState.BACKUP, b.state());
        b.tick(b.nextDeadline());
        assertEquals(VrrpState.MASTER, b.state());
        byte[] first = wire.get(0);
        assertEquals(2, seq(first), "the counter is shared: above the master's last number");
        assertEquals(AhCodec.IPPROTO_AH, first[9]);
        assertEquals(0xc633640cL, AhCodec.parse(first, 20, first.length).spi(), "SPI = our source address");
        assertTrue(AhCodec.verify(first, 20, first.length, AhCodec.key("secret12"), false));
    }

    @Test
    void ourMasterAndOurBackupAgreeAndFailOver() {
        InstanceRuntime a = instance("198.51.100.11", 150, "secret12");
        InstanceRuntime b = instance("198.51.100.12", 100, "secret12");
        b.start(0, false);
        master(a);
        long t = a.nextDeadline();
        a.tick(t);
        assertEquals(List.of(1L, 2L), wire.stream().map(AhRuntimeTest::seq).toList());
        assertEquals(List.of(1, 2), wire.stream().map(d -> ((d[4] & 0xff) << 8) | (d[5] & 0xff)).toList(), "IP id");
        wire.forEach(d -> b.receive(t, received(d)));
        assertEquals(2, b.stats().advertsReceived(), logs.toString());
        a.stop(t + 1, false);
        byte[] last = wire.get(wire.size() - 1);
        assertEquals(0, last[44 + 2], "priority 0");
        assertEquals(3, seq(last));
        b.receive(t + 1, received(last));
        assertEquals(1, b.stats().priorityZeroReceived());
        b.tick(b.nextDeadline());
        assertEquals(VrrpState.MASTER, b.state());
        assertEquals(4, seq(wire.get(wire.size() - 1)));
    }

    @Test
    void replayedWrongKeyAndForgedSpiAreDroppedCountedAndLogged() throws Exception {
        InstanceRuntime a = instance("198.51.100.11", 150, "secret12");
        InstanceRuntime b = instance("198.51.100.12", 100, "secret12");
        InstanceRuntime wrong = instance("198.51.100.13", 100, "otherkey");
        b.start(0, false);
        wrong.start(0, false);
        master(a);
        byte[] d = wire.get(0);
        b.receive(S, received(d));
        b.receive(S, received(d));
        assertEquals(1, b.stats().drops(DropReason.AH_REPLAY));
        assertTrue(logs.contains("(VI_1) IPSEC-AH : sequence number 1 already processed. Packet dropped. Local(1)"), logs.toString());
        wrong.receive(S, received(d));
        assertEquals(1, wrong.stats().drops(DropReason.AH_BAD_DIGEST));
        assertTrue(logs.contains("(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !"));
        byte[] msg = Arrays.copyOfRange(d, 44, d.length);
        byte[] forged = AhCodec.encode(9, 255, (Inet4Address) addr("198.51.100.11"), (Inet4Address) group, 5, msg,
                AhCodec.key("secret12"), false);
        forged[24 + 3] = 0x0c;   // SPI 198.51.100.12, then a digest that covers it
        System.arraycopy(AhCodec.icv(forged, 20, forged.length, AhCodec.key("secret12"), false), 0, forged, 32, 12);
        b.receive(S, received(forged));
        assertEquals(1, b.stats().drops(DropReason.AH_BAD_SPI));
        assertTrue(logs.contains("IPSEC AH : invalid IPSEC SPI value. 191116230 and expect 207893446"), logs.toString());
        assertTrue(Reports.stats(List.of(b)).contains("    Failure: 2\n"), Reports.stats(List.of(b)));
        assertEquals(1, b.stats().advertsReceived());
        assertEquals(VrrpState.BACKUP, b.state());
    }

    @Test
    void aCorruptedAdvertIsAnAuthFailureNotAChecksumError() {
        InstanceRuntime b = instance("198.51.100.12", 100, "secret12");
        b.start(0, false);
        byte[] d = HexFormat.of().parseHex(KEEPALIVED_SEQ1);
        d[d.length - 1] ^= 1;
        b.receive(S, received(d));
        assertEquals(1, b.stats().drops(DropReason.AH_BAD_DIGEST));
        assertEquals(0, b.stats().drops(DropReason.BAD_CHECKSUM));
    }

    @Test
    void wrongProtocolOrAuthTypeIsATypeMismatch() throws Exception {
        InstanceRuntime b = instance("198.51.100.12", 100, "secret12");
        b.start(0, false);
        byte[] pass = VrrpCodec.encode(new VrrpPacket(2, 51, 150, VrrpPacket.AUTH_PASS, 1, List.of(addr("198.51.100.100")),
                Arrays.copyOf("secret12".getBytes(), 8)), addr("198.51.100.11"), group, false);
        VrrpRouter router = new VrrpRouter();
        router.add(b);
        router.receive(S, new ReceivedAdvert("eth0", addr("198.51.100.11"), group, 255, pass));
        assertEquals(1, router.unknownVrid(), "keepalived: a protocol 112 advert never reaches the AH socket's VRIDs");
        b.receive(S, new ReceivedAdvert("eth0", addr("198.51.100.11"), group, 255, pass));
        assertTrue(logs.contains("(VI_1) No AH header but auth type is AH"), logs.toString());
        byte[] ahWithPassType = AhCodec.encode(1, 255, (Inet4Address) addr("198.51.100.11"), (Inet4Address) group, 7,
                pass, AhCodec.key("secret12"), false);
        b.receive(S, received(ahWithPassType));
        assertEquals(2, b.stats().drops(DropReason.AUTH_TYPE_MISMATCH));
        assertEquals(1, logs.stream().filter(l -> l.contains("auth")).count(), "one line per kind until a transition");
        InstanceRuntime c = instance("198.51.100.13", 100, "secret12");
        c.start(0, false);
        c.receive(S, received(ahWithPassType));
        assertTrue(logs.contains("(VI_1) received a 1 auth, expecting 2!"), logs.toString());
        assertEquals(0, b.stats().advertsReceived() + c.stats().advertsReceived());
    }

    @Test
    void aPassInstanceNeverTakesAnAhAdvert() {
        InstanceRuntime a = instance("198.51.100.11", 150, "secret12");
        master(a);
        VrrpInstanceConfig passCfg = ConfigFixture.load(dir, "vrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n priority 100\n advert_int 1\n authentication {\n  auth_type PASS\n"
                + "  auth_pass secret12\n }\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n").config()
                .vrrpInstances().get(0);
        InstanceRuntime pass = new InstanceRuntime(passCfg, "eth0", addr("198.51.100.12"), group,
                new Ports((i, s, d, m, t) -> { }, new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                    }

                    public void remove(String ifname, VipAddress v) {
                    }
                }, (i, x) -> { }, new org.keepalived4j.vrrp.port.LogPort() {
                    public void info(String line) {
                        logs.add(line);
                    }

                    public void detail(String line) {
                    }
                }, (n, f, t, p) -> { }, new org.keepalived4j.vrrp.port.FakeRoutePort()));
        pass.start(0, false);
        VrrpRouter router = new VrrpRouter();
        router.add(pass);
        router.receive(S, received(wire.get(0)));
        assertEquals(1, router.unknownVrid(), "the AH socket's VRIDs do not include a PASS instance");
        pass.receive(S, received(wire.get(0)));
        assertTrue(logs.contains("(VI_1) Received AH header but auth type not AH"), logs.toString());
        assertEquals(1, pass.stats().drops(DropReason.AUTH_TYPE_MISMATCH));
        assertEquals(VrrpPacket.IPPROTO_VRRP, pass.ipProtocol());
        assertEquals(AhCodec.IPPROTO_AH, a.ipProtocol());
    }

    @Test
    void masterHearingALowerPrioritySyncsItsSequenceBeforeAnswering() throws Exception {
        InstanceRuntime a = instance("198.51.100.11", 150, "secret12");
        master(a);
        wire.clear();
        byte[] msg = VrrpCodec.encode(new VrrpPacket(2, 51, 100, VrrpPacket.AUTH_AH, 1, List.of(addr("198.51.100.100")),
                new byte[8]), addr("198.51.100.12"), group, false);
        byte[] low = AhCodec.encode(1, 255, (Inet4Address) addr("198.51.100.12"), (Inet4Address) group, 100, msg,
                AhCodec.key("secret12"), false);
        a.receive(S, received(low));
        int lower = logs.indexOf("(VI_1) Received advert from 198.51.100.12 with lower priority 100, ours 150, forcing new election");
        assertTrue(lower >= 0, logs.toString());
        assertEquals("(VI_1) IPSEC-AH : Syncing seq_num - Increment seq", logs.get(lower + 1));
        assertEquals(List.of(102L), wire.stream().map(AhRuntimeTest::seq).toList(), "101 after the sync, +1 to send");
    }

    @Test
    void sequenceNumberWrapAsKeepalived() {
        AhSequence s = new AhSequence();
        s.set(0xFFFFFFFDL);
        assertEquals(0xFFFFFFFEL, s.nextToSend());
        assertEquals(0xFFFFFFFEL, s.nextToSend(), "no increment past 0xFFFFFFFE: the counter is marked cycled");
        assertTrue(s.cycled());
        s.becomingMaster();
        assertEquals(1, s.nextToSend(), "a cycled counter restarts when becoming master");
        assertTrue(!s.accept(1) && s.accept(2), "anti-replay: strictly greater");
        s.syncFromLowerPriority(0xFFFFFFFFL);
        assertEquals(0, s.local(), "unsigned 32-bit wrap");
    }

    @Test
    void unicastLeavesTheTtlOutOfTheDigest() {
        InstanceRuntime u = new InstanceRuntime(config(150, "secret12",
                " unicast_src_ip 198.51.100.11\n unicast_peer {\n  198.51.100.12\n  198.51.100.13\n }\n"),
                "eth0", addr("198.51.100.11"), group, new Ports(new AdvertPort() {
                    public void send(String i, InetAddress s, InetAddress d, byte[] m, int t) {
                    }

                    @Override
                    public void sendIpv4(String ifname, Inet4Address dst, byte[] datagram) {
                        wire.add(datagram);
                    }
                }, new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                    }

                    public void remove(String ifname, VipAddress v) {
                    }
                }, (i, a) -> { }, new org.keepalived4j.vrrp.port.LogPort() {
                    public void info(String line) {
                    }

                    public void detail(String line) {
                    }
                }, (n, f, t, p) -> { }, new org.keepalived4j.vrrp.port.FakeRoutePort()));
        master(u);
        assertEquals(2, wire.size(), "one datagram per peer");
        assertEquals(seq(wire.get(0)), seq(wire.get(1)), "one sequence number per round, as keepalived");
        for (byte[] d : wire) {
            assertTrue(AhCodec.verify(d, 20, d.length, AhCodec.key("secret12"), true));
        }
        assertEquals((byte) 13, wire.get(1)[19], "the second peer");
        assertEquals(wire.get(0)[5], wire.get(1)[5], "one IP id per round");
    }
}
