package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.DropReason;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.Ports;

/** An instance with fake ports: what it sends, which addresses it sets, how it treats bad adverts. */
class InstanceRuntimeTest {
    static final long S = 1_000_000;
    @TempDir
    Path dir;

    final List<String> sent = new ArrayList<>();
    final List<String> vips = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final List<String> announced = new ArrayList<>();
    final org.keepalived4j.vrrp.port.FakeRoutePort routes = new org.keepalived4j.vrrp.port.FakeRoutePort();
    InstanceRuntime rt;
    InetAddress peer;
    InetAddress group;

    @BeforeEach
    void instance() throws Exception {
        VrrpInstanceConfig cfg = ConfigFixture.load(dir, "vrrp_instance VI_1 {\n state MASTER\n interface eth0\n"
                + " virtual_router_id 51\n priority 150\n advert_int 1\n authentication {\n  auth_type PASS\n"
                + "  auth_pass secret12\n }\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n").config()
                .vrrpInstances().get(0);
        peer = InetAddress.getByName("198.51.100.12");
        group = InetAddress.getByName("224.0.0.18");
        Ports ports = new Ports(
                (ifname, src, dst, message, ttl) -> sent.add(ifname + " " + src.getHostAddress() + ">"
                        + dst.getHostAddress() + " ttl " + ttl + " prio " + (message[2] & 0xff)),
                new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                        vips.add("+" + v.display() + " " + ifname);
                    }

                    public void remove(String ifname, VipAddress v) {
                        vips.add("-" + v.display() + " " + ifname);
                    }
                },
                (ifname, a) -> announced.add(ifname + " " + a.getHostAddress()),
                new org.keepalived4j.vrrp.port.LogPort() {
                    public void info(String line) {
                        logs.add(line);
                    }

                    public void detail(String line) {
                        logs.add("D " + line);
                    }
                },
                (name, from, to, prio) -> logs.add("STATE " + from + ">" + to), routes);
        rt = new InstanceRuntime(cfg, "eth0", InetAddress.getByName("198.51.100.11"), group, ports);
        rt.start(0, false);
        rt.tick(rt.nextDeadline());
        assertEquals(VrrpState.MASTER, rt.state());
    }

    byte[] advert(int version, int prio, int interval, String pass, List<InetAddress> addrs) {
        byte[] auth = Arrays.copyOf(pass.getBytes(), 8);
        return VrrpCodec.encode(new VrrpPacket(version, 51, prio, version == 2 ? 1 : 0, interval, addrs,
                version == 2 ? auth : new byte[0]), peer, group, false);
    }

    List<InetAddress> vip() throws Exception {
        return List.of(InetAddress.getByName("198.51.100.100"));
    }

    @Test
    void becomingMasterSendsThenSetsAddressesThenAnnounces() {
        assertEquals(List.of("eth0 198.51.100.11>224.0.0.18 ttl 255 prio 150"), sent);
        assertEquals(List.of("+198.51.100.100/24 eth0"), vips);
        assertEquals(5, announced.size(), "garp_master_repeat 5");
        assertEquals(1, rt.stats().becameMaster());
    }

    @Test
    void malformedAndForeignAdvertsAreDroppedCountedAndLoggedOnce() throws Exception {
        byte[] good = advert(2, 200, 1, "secret12", vip());
        byte[] badSum = good.clone();
        badSum[7] ^= 1;
        byte[] badVersion = advert(3, 200, 100, "", vip());
        byte[] badPass = advert(2, 200, 1, "wrongpwd", vip());
        byte[] badInterval = advert(2, 200, 3, "secret12", vip());
        byte[] truncated = Arrays.copyOf(good, 10);
        for (int i = 0; i < 3; i++) {
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, good));
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, badSum));
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, badVersion));
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, badPass));
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, badInterval));
            rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, truncated));
        }
        assertEquals(VrrpState.MASTER, rt.state(), "no bad advert moved us");
        for (DropReason r : List.of(DropReason.BAD_TTL, DropReason.BAD_CHECKSUM, DropReason.BAD_VERSION,
                DropReason.BAD_AUTH, DropReason.INTERVAL_MISMATCH, DropReason.WRONG_LENGTH)) {
            assertEquals(3, rt.stats().drops(r), r.name());
        }
        assertEquals(0, rt.stats().advertsReceived());
        assertTrue(logs.contains("(VI_1) invalid TTL/HL. Received 64 and expect 255"), logs.toString());
        assertTrue(logs.contains("(VI_1) received an invalid passwd!"), logs.toString());
        assertTrue(logs.contains("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=3 sec"), logs.toString());
        assertTrue(logs.contains("(VI_1) wrong version. Received 3 and expect 2"), logs.toString());
        assertEquals(1, logs.stream().filter(l -> l.contains("invalid TTL")).count(), "rate limited until a transition");
    }

    @Test
    void aDropLineIsLoggedAgainAfterEachStateChange() throws Exception {
        byte[] good = advert(2, 100, 1, "secret12", vip());
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, good));
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, good));
        assertEquals(1, logs.stream().filter(l -> l.contains("invalid TTL")).count(), "once in MASTER");
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, advert(2, 200, 1, "secret12", vip())));
        assertEquals(VrrpState.BACKUP, rt.state());
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, good));
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, good));
        assertEquals(2, logs.stream().filter(l -> l.contains("invalid TTL")).count(), "once more in BACKUP");
        assertEquals(4, rt.stats().drops(DropReason.BAD_TTL), "every drop counted");
    }

    @Test
    void aValidHigherPriorityAdvertStillWorksAfterwards() throws Exception {
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, advert(2, 200, 1, "secret12", vip())));
        assertEquals(VrrpState.BACKUP, rt.state());
        assertTrue(vips.contains("-198.51.100.100/24 eth0"));
        assertTrue(logs.contains("(VI_1) Master received advert from 198.51.100.12 with higher priority 200, ours 150"));
    }

    @Test
    void addressCountMismatchDropsTheAdvertAsKeepalived227() throws Exception {
        int before = sent.size();
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, advert(2, 200, 1, "secret12", List.of())));
        assertEquals(0, rt.stats().advertsReceived());
        assertEquals(1, rt.stats().drops(DropReason.ADDRESS_COUNT));
        assertEquals(VrrpState.MASTER, rt.state(), "a higher priority advert with another address list is ignored");
        assertEquals(before, sent.size());
        assertTrue(logs.contains("(VI_1) received an unexpected ip number count 0, expected 1!"), logs.toString());
    }

    @Test
    void addressListMismatchDropsTheAdvertButCountsItAsReceived() throws Exception {
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, advert(2, 200, 1, "secret12",
                List.of(InetAddress.getByName("198.51.100.101")))));
        assertEquals(1, rt.stats().advertsReceived(), "keepalived counts advert_rcvd before the VIP lookup");
        assertEquals(1, rt.stats().drops(DropReason.ADDRESS_COUNT));
        assertEquals(VrrpState.MASTER, rt.state());
        assertTrue(logs.contains("(VI_1) ip address associated with VRID 51 not present in MASTER advert: 198.51.100.100"),
                logs.toString());
    }

    @Test
    void gracefulStopSendsPriorityZero() {
        rt.stop(2 * S, false);
        assertEquals("eth0 198.51.100.11>224.0.0.18 ttl 255 prio 0", sent.get(sent.size() - 1));
        assertEquals(1, rt.stats().priorityZeroSent());
        assertTrue(vips.contains("-198.51.100.100/24 eth0"));
    }

    @Test
    void delayedBatchThenPeriodicRefresh() throws Exception {
        VrrpInstanceConfig cfg = ConfigFixture.load(dir, "vrrp_instance VI_2 {\n state MASTER\n interface eth0\n"
                + " virtual_router_id 52\n priority 255\n garp_master_delay 5\n garp_master_refresh 60\n"
                + " garp_master_refresh_repeat 2\n virtual_ipaddress {\n  198.51.100.101\n }\n}\n").config()
                .vrrpInstances().get(0);
        announced.clear();
        InstanceRuntime r = new InstanceRuntime(cfg, "eth0", InetAddress.getByName("198.51.100.11"), group,
                new Ports((i, s, d, m, t) -> { }, new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                    }

                    public void remove(String ifname, VipAddress v) {
                    }
                }, (ifname, a) -> announced.add(ifname + " " + a.getHostAddress()), new org.keepalived4j.vrrp.port.LogPort() {
                    public void info(String line) {
                    }

                    public void detail(String line) {
                    }
                }, (n, f, t, p) -> { }, new org.keepalived4j.vrrp.port.FakeRoutePort()));
        r.start(0, false);
        r.tick(0);
        assertEquals(VrrpState.MASTER, r.state(), "owner takes over at once");
        assertEquals(5, announced.size());
        long t = 0;
        while (r.nextDeadline() <= 61 * S) {
            t = r.nextDeadline();
            r.tick(t);
        }
        assertEquals(5 + 5 + 2, announced.size(), "initial 5, 5 more after 5 s, 2 at the 60 s refresh");
        assertTrue(r.nextDeadline() <= 121 * S, "refresh rearmed");
    }

    @Test
    void routerDropsUnknownVrids() throws Exception {
        VrrpRouter router = new VrrpRouter();
        router.add(rt);
        byte[] other = advert(2, 200, 1, "secret12", vip());
        other[1] = 77;
        router.receive(S, new ReceivedAdvert("eth0", peer, group, 255, other));
        router.receive(S, new ReceivedAdvert("eth1", peer, group, 255, advert(2, 200, 1, "secret12", vip())));
        assertEquals(2, router.unknownVrid());
        assertEquals(VrrpState.MASTER, rt.state());
    }

    VrrpInstanceConfig reloaded(String prefix, String name, int prio, String vips) throws Exception {
        return ConfigFixture.load(dir, prefix + "vrrp_instance " + name + " {\n state MASTER\n interface eth0\n"
                + " virtual_router_id 51\n priority " + prio + "\n advert_int 1\n authentication {\n  auth_type PASS\n"
                + "  auth_pass secret12\n }\n virtual_ipaddress {\n" + vips + " }\n}\n").config().vrrpInstances().get(0);
    }

    @Test
    void reloadOfAnUnchangedInstanceTouchesNoAddressAndChangesNoState() throws Exception {
        vips.clear();
        announced.clear();
        sent.clear();
        rt.reload(5 * S, reloaded("! a comment moves every line down\n\n", "VI_1", 150, "  198.51.100.100/24\n"),
                InetAddress.getByName("198.51.100.11"));
        assertEquals(List.of(), vips, "the same VIP on another line is the same VIP");
        assertEquals(List.of(), announced);
        assertEquals(List.of("eth0 198.51.100.11>224.0.0.18 ttl 255 prio 150"), sent, "one advert at once");
        assertEquals(VrrpState.MASTER, rt.state());
        assertEquals(1, rt.stats().becameMaster(), "counters survive a reload");
        assertTrue(logs.stream().noneMatch(l -> l.startsWith("STATE") && !l.equals("STATE INIT>BACKUP")
                && !l.equals("STATE BACKUP>MASTER")), logs.toString());
    }

    @Test
    void reloadOfAMasterAddsAndRemovesOnlyTheChangedAddresses() throws Exception {
        vips.clear();
        announced.clear();
        sent.clear();
        rt.reload(5 * S, reloaded("", "VI_renamed", 120, "  198.51.100.101/24\n"), InetAddress.getByName("198.51.100.11"));
        assertEquals(List.of("-198.51.100.100/24 eth0", "+198.51.100.101/24 eth0"), vips);
        assertEquals(5, announced.size(), "the new address is announced (garp_master_repeat)");
        assertTrue(announced.stream().allMatch(a -> a.equals("eth0 198.51.100.101")), announced.toString());
        assertEquals(List.of("eth0 198.51.100.11>224.0.0.18 ttl 255 prio 120"), sent, "advertised with the new priority");
        assertEquals("VI_renamed", rt.config().name());
        assertEquals(VrrpState.MASTER, rt.state());
    }

    @Test
    void statsReportHasKeepalivedsLayout() throws Exception {
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 64, advert(2, 100, 1, "secret12", vip())));
        rt.receive(S, new ReceivedAdvert("eth0", peer, group, 255, advert(2, 100, 1, "secret12", List.of())));
        // keepalived 2.2.7 drops an advert whose address count differs (not counted as received)
        assertEquals("""
                VRRP Instance: VI_1
                  Advertisements:
                    Received: 0
                    Sent: 1
                  Became master: 1
                  Released master: 0
                  Packet Errors:
                    Length: 0
                    TTL: 1
                    Invalid Type: 0
                    Advertisement Interval: 0
                    Address List: 1
                  Authentication Errors:
                    Invalid Type: 0
                    Type Mismatch: 0
                    Failure: 0
                  Priority Zero:
                    Received: 0
                    Sent: 0
                  Other Packet Errors:
                    Checksum: 0
                    Version: 0
                    Not A Unicast Peer: 0
                """, Reports.stats(List.of(rt)));
        rt.stats().clear();
        assertTrue(Reports.stats(List.of(rt)).contains("    TTL: 0\n"));
    }

    @Test
    void jsonReportUsesKeepalivedsFieldNamesAndStateNumbers() {
        String j = Reports.json(List.of(rt), t -> t + 1_700_000_000_000_000L);
        assertTrue(j.startsWith("[{\"data\":{\"iname\":\"VI_1\",\"dont_track_primary\":0,"), j);
        assertTrue(j.contains("\"state\":2,\"wantstate\":2,\"version\":2,"), j);
        assertTrue(j.contains("\"vips\":[\"198.51.100.100/24\"]"), j);
        assertTrue(j.contains("\"auth_type\":1,\"auth_data\":\"secret12\"}"), j);
        assertTrue(j.contains(",\"stats\":{\"advert_rcvd\":0,\"advert_sent\":1,\"become_master\":1,"), j);
        assertTrue(j.endsWith("\"pri_zero_rcvd\":0,\"pri_zero_sent\":0}}]"), j);
        String two = Reports.json(List.of(rt, rt), t -> t);
        assertTrue(two.contains("}},{\"data\":"), "instances are comma separated: " + two);
    }
}
