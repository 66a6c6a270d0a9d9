package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.util.IpAddresses;

/**
 * ha_suspend as keepalived 2.2.7 does it (check_api.c register_checkers_thread(),
 * update_checker_activity(), addr_matches()): the checkers of such a virtual server run only while
 * its address is on an interface of the host; suspended, they keep their state and do not check.
 * Also the notify hook of an unchanged first result (update_svr_checker_state()).
 */
class HaSuspendTest {
    @TempDir
    Path dir;
    final FakeLoop loop = new FakeLoop();
    final FakeCheckIo io = new FakeCheckIo(loop);
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler(io, loop, loop, new SplittableRandom(1), log::add,
            new HealthListener() {
                @Override
                public void onHealth(RealServerRef rs, boolean alive, int weight) {
                    events.add(rs.display() + (alive ? " UP" : " DOWN"));
                }

                @Override
                public void onFirstResultUnchanged(RealServerRef rs, boolean alive) {
                    events.add(rs.display() + (alive ? " still UP" : " still DOWN"));
                }
            });

    static final InetAddress VIP = IpAddresses.parse("198.51.100.1").get();
    static final String CONFIG = CheckFixture.oneRs(" ha_suspend\n", "  TCP_CHECK {\n   warmup 0.000001\n  }\n");

    long checks() {
        return io.requests.size();
    }

    @Test
    void withoutItsAddressTheCheckerIsDeactivatedAndDoesNotCheck() {
        scheduler.start(CheckFixture.config(dir, CONFIG));
        assertEquals(List.of("Deactivating healthchecker for service " + RS + " for VS [198.51.100.1]:tcp:80"), log);
        io.tcp = c -> TcpOutcome.FAILED;
        loop.advance(60 * S);
        assertEquals(0, checks(), "a suspended checker only reschedules itself every delay_loop");
        assertEquals(List.of(), events);
        log.clear();
        scheduler.hostAddress(VIP, true);
        assertEquals(List.of("Activating healthchecker for service " + RS + " for VS [198.51.100.1]:tcp:80"), log);
        loop.advance(11 * S);
        assertEquals(1, checks(), "checks again from its next turn (within delay_loop 10 s)");
        assertEquals(List.of(RS + " DOWN"), events, "the first failure takes it down");
    }

    @Test
    void withLogDetailTheAddressChangeIsReportedFirst() {
        List<String> detail = new ArrayList<>();
        scheduler.detailLog(detail::add);
        scheduler.start(CheckFixture.config(dir, CONFIG));
        scheduler.hostAddress(IpAddresses.parse("198.51.100.7").get(), true);
        scheduler.hostAddress(VIP, true);
        scheduler.hostAddress(VIP, false);
        assertEquals(List.of("Netlink reflector reports IP 198.51.100.1 added",
                "Netlink reflector reports IP 198.51.100.1 removed"), detail, "only for an ha_suspend address");
    }

    @Test
    void theAddressCountsPerInterfaceAndSuspendsWhenTheLastGoes() {
        scheduler.hostAddress(VIP, true);
        scheduler.hostAddress(VIP, true);       // the same address on a second interface
        scheduler.start(CheckFixture.config(dir, CONFIG));
        assertEquals(List.of("Activating healthchecker for service " + RS + " for VS [198.51.100.1]:tcp:80"), log);
        loop.advance(2 * S);
        assertEquals(1, checks());
        log.clear();
        scheduler.hostAddress(VIP, false);
        assertEquals(List.of(), log, "still on one interface");
        scheduler.hostAddress(IpAddresses.parse("198.51.100.7").get(), true);
        scheduler.hostAddress(VIP, false);
        assertEquals(List.of("Suspending healthchecker for service " + RS + " for VS [198.51.100.1]:tcp:80"), log);
        io.tcp = c -> TcpOutcome.FAILED;
        loop.advance(60 * S);
        assertEquals(1, checks(), "suspended: no check, and the real server keeps its state");
        assertEquals(List.of(), events);
    }

    @Test
    void aVirtualServerWithoutHaSuspendIgnoresAddresses() {
        scheduler.start(CheckFixture.config(dir, CheckFixture.oneRs("", "  TCP_CHECK {\n   warmup 0.000001\n  }\n")));
        scheduler.hostAddress(VIP, true);
        scheduler.hostAddress(VIP, false);
        assertEquals(List.of("Activating healthchecker for service " + RS + " for VS [198.51.100.1]:tcp:80"), log);
        loop.advance(2 * S);
        assertEquals(1, checks());
    }

    @Test
    void aGroupNeverMatchesAsInKeepalived() {
        scheduler.hostAddress(VIP, true);
        scheduler.start(CheckFixture.config(dir, "virtual_server_group G {\n 198.51.100.1 80\n}\n"
                + "virtual_server group G {\n ha_suspend\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 198.51.100.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n"));
        scheduler.hostAddress(VIP, true);
        assertEquals(List.of("Deactivating healthchecker for service " + RS + " for VS [G]:0"), log,
                "2.2.7's addr_matches() returns false for any virtual_server_group");
    }

    @Test
    void anAlphaCheckerFailingItsFirstCheckReportsTheUnchangedState() {
        scheduler.start(CheckFixture.config(dir, CheckFixture.oneRs("", "  TCP_CHECK {\n   alpha\n   warmup 0.000001\n"
                + "   retry 2\n  }\n")));
        io.tcp = c -> TcpOutcome.FAILED;
        loop.advance(30 * S);
        assertEquals(List.of(RS + " still DOWN"), events, "once, on the first result only");
        io.tcp = c -> TcpOutcome.SUCCESS;
        loop.advance(11 * S);
        assertEquals(List.of(RS + " still DOWN", RS + " UP"), events);
    }
}
