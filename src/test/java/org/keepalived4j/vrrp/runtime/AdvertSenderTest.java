package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.Ports;

/** Adverts kept as encoded are the ones encoding would give now: after a priority change and after a reload. */
class AdvertSenderTest {
    @TempDir
    Path dir;

    private final List<byte[]> sent = new ArrayList<>();
    private final List<InetAddress> to = new ArrayList<>();

    private VrrpInstanceConfig config(String body) {
        return ConfigFixture.load(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
                + " version 3\n advert_int 0.05\n" + body + "}\n").config().vrrpInstances().get(0);
    }

    private AdvertSender sender(VrrpInstanceConfig cfg, InetAddress src) throws Exception {
        LogPort log = new LogPort() {
            public void info(String line) {
            }

            public void detail(String line) {
            }
        };
        Ports ports = new Ports((i, s, d, m, t) -> {
            sent.add(m.clone());
            to.add(d);
        }, null, null, log, null, new FakeRoutePort());
        return new AdvertSender(cfg, "eth0", src, InetAddress.getByName("224.0.0.18"), ports, new InstanceStats(),
                new AhSequence());
    }

    private VrrpPacket last(InetAddress src) {
        byte[] m = sent.get(sent.size() - 1);
        var d = VrrpCodec.decode(m, 0, m.length, src, to.get(to.size() - 1), false);
        return ((VrrpCodec.Decoded.Ok) d).packet();
    }

    @Test
    void keptAdvertsFollowThePriorityAndTheConfiguration() throws Exception {
        InetAddress src = InetAddress.getByName("198.51.100.11");
        VrrpInstanceConfig one = config(" virtual_ipaddress {\n  198.51.100.100/24\n }\n");
        AdvertSender s = sender(one, src);
        s.warmUp(100);
        s.send(100);
        assertArrayEquals(s.encode(100, InetAddress.getByName("224.0.0.18")), sent.get(0));
        s.send(0);
        assertEquals(0, last(src).priority());
        s.send(90);
        assertEquals(90, last(src).priority());
        s.send(100);
        assertEquals(100, last(src).priority());
        s.configure(config(" virtual_ipaddress {\n  198.51.100.100/24\n  198.51.100.101/24\n }\n"), src);
        s.send(100);
        assertEquals(2, last(src).addresses().size(), "a reload's new address list");
        s.send(0);
        assertEquals(List.of(InetAddress.getByName("198.51.100.100"), InetAddress.getByName("198.51.100.101")),
                last(src).addresses(), "the priority-0 advert too");
        InetAddress other = InetAddress.getByName("198.51.100.12");
        s.configure(config(" unicast_peer {\n  198.51.100.21\n  198.51.100.22\n }\n virtual_ipaddress {\n"
                + "  198.51.100.100/24\n }\n"), other);
        s.send(100);
        assertEquals(List.of(InetAddress.getByName("198.51.100.21"), InetAddress.getByName("198.51.100.22")),
                to.subList(to.size() - 2, to.size()));
        assertEquals(100, last(other).priority(), "checksum over the new source and each peer");
        byte[] first = sent.get(sent.size() - 2);
        var d = VrrpCodec.decode(first, 0, first.length, other, InetAddress.getByName("198.51.100.21"), false);
        assertEquals(VrrpCodec.Decoded.Ok.class, d.getClass());
    }
}
