package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.Ports;

/**
 * A takeover's and a release's log lines are held until their packets and addresses are done
 * (LogPort.hold/release around the actions); runs without an address change hold nothing.
 */
class HeldLinesTest {
    @TempDir
    Path dir;

    private final EventPorts recorded = new EventPorts(true);
    /** Everything the instance does, in order. */
    private final List<String> events = recorded.events;

    private Ports ports() {
        return new Ports((i, s, d, m, t) -> events.add("advert " + (m[2] & 0xff)), recorded.vips(),
                (i, a) -> events.add("garp " + a.getHostAddress()), recorded.log(), (n, f, t, p) -> { },
                new FakeRoutePort());
    }

    @Test
    void aTakeoverAndAReleaseHoldTheirLinesAroundTheirPackets() throws Exception {
        VrrpInstanceConfig cfg = ConfigFixture.load(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + " priority 100\n advert_int 1\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n").config()
                .vrrpInstances().get(0);
        InstanceRuntime rt = new InstanceRuntime(cfg, "eth0", InetAddress.getByName("198.51.100.11"),
                InetAddress.getByName("224.0.0.18"), ports());
        rt.start(0, false);
        assertEquals(List.of("(VI_1) Entering BACKUP STATE (init)"), events, "no addresses: nothing held");
        events.clear();
        rt.tick(rt.nextDeadline());
        assertEquals(VrrpState.MASTER, rt.state());
        assertEquals(List.of("hold", "D (VI_1) Receive advertisement timeout", "advert 100", "(VI_1) Entering MASTER STATE",
                "D (VI_1) setting VIPs.", "vip+ 198.51.100.100"), events.subList(0, 6));
        assertEquals("release", events.get(events.size() - 1));
        assertEquals(1, events.stream().filter("release"::equals).count());
        events.clear();
        rt.stop(10_000_000, false);
        assertEquals("hold", events.get(0));
        assertEquals("advert 0", events.get(1));
        assertEquals("release", events.get(events.size() - 1));
        assertEquals(true, events.contains("vip- 198.51.100.100"));
    }
}
