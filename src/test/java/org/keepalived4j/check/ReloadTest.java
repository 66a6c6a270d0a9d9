package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.S;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;

/** migrate_checkers() / clear_diff_rs(): a reload keeps the state of equal checkers. */
class ReloadTest {
    @TempDir
    Path dir;
    final FakeLoop loop = new FakeLoop();
    final FakeCheckIo io = new FakeCheckIo(loop);
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler(io, loop, loop, new SplittableRandom(7), log::add,
            (rs, alive, w) -> events.add(rs.display() + (alive ? " UP " : " DOWN ") + w));

    KeepalivedConfig config(String checker) {
        return CheckFixture.config(dir, "virtual_server 198.51.100.1 80 {\n delay_loop 10\n lb_algo rr\n lb_kind NAT\n"
                + " protocol TCP\n real_server 198.51.100.2 80 {\n  TCP_CHECK {\n" + checker + "  }\n }\n"
                + " real_server 198.51.100.3 80 {\n  TCP_CHECK {\n  }\n }\n}\n");
    }

    /** Starts, lets 198.51.100.2 fail (down) and 198.51.100.3 succeed. */
    void startWithFirstDown(String checker) {
        scheduler.start(config(checker));
        io.tcp = c -> c.destination().getAddress().getHostAddress().equals("198.51.100.2") ? TcpOutcome.FAILED
                : TcpOutcome.SUCCESS;
        loop.advance(15 * S);
        assertEquals(List.of("[198.51.100.2]:tcp:80 DOWN 1"), events);
        events.clear();
    }

    @Test
    void theSameConfigurationKeepsEveryStateWithoutEvents() {
        startWithFirstDown("   retry 2\n");
        scheduler.reload(config("   retry 2\n"));
        List<RsStatus> s = scheduler.realServers();
        assertFalse(s.get(0).alive());
        assertTrue(s.get(1).alive());
        assertEquals(List.of(), events);
        assertTrue(scheduler.checkers().get(0).hasRun());
        loop.advance(30 * S);
        assertEquals(List.of(), events, "still failing: no new verdict, no new line");
        io.tcp = c -> TcpOutcome.SUCCESS;
        loop.advance(30 * S);
        assertEquals(List.of("[198.51.100.2]:tcp:80 UP 1"), events, "one success after the reload brings it up");
    }

    @Test
    void timingChangesDoNotMakeANewChecker() {
        startWithFirstDown("");
        scheduler.reload(config("   delay_loop 3\n   retry 5\n"));
        assertFalse(scheduler.realServers().get(0).alive(), "compare_tcp_check() looks at the connection only");
        assertEquals(3 * S, scheduler.checkers().get(0).settings().delayLoopMicros());
    }

    @Test
    void aNewConnectionMakesANewCheckerAndTheServerComesBackUp() {
        startWithFirstDown("");
        scheduler.reload(config("   connect_port 8080\n"));
        assertTrue(scheduler.realServers().get(0).alive(), "no failed checker left: perform_svr_state(UP)");
        assertFalse(scheduler.checkers().get(0).hasRun());
        assertEquals(List.of(), events, "the reload's own changes are read from realServers()");
        loop.advance(15 * S);
        assertEquals(List.of("[198.51.100.2]:tcp:80 DOWN 1"), events, "one failure is enough again");
    }

    @Test
    void checksRestartWithTheirWarmupAndOldChecksAreCancelled() {
        startWithFirstDown("");
        io.latencyMicros = 5 * S;
        loop.advance(11 * S);
        int before = io.requests.size();
        int cancelled = io.cancelled;
        scheduler.reload(config(""));
        assertTrue(io.cancelled > cancelled, "checks in flight are dropped");
        assertEquals(4, log.stream().filter(l -> l.startsWith("Activating healthchecker")).count());
        loop.advance(S - 1);
        assertEquals(before, io.requests.size(), "nothing before the 1 s bootstrap delay");
    }

    @Test
    void aNewAlphaRealServerStartsDown() {
        startWithFirstDown("");
        KeepalivedConfig c = CheckFixture.config(dir, "virtual_server 198.51.100.1 80 {\n delay_loop 10\n lb_algo rr\n"
                + " lb_kind NAT\n protocol TCP\n real_server 198.51.100.4 80 {\n  TCP_CHECK {\n   alpha\n  }\n }\n}\n");
        scheduler.reload(c);
        assertEquals(1, scheduler.realServers().size());
        assertFalse(scheduler.realServers().get(0).alive());
    }
}
