package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;

/** The schedule on a fake clock: start-up spread, retry timing, several checkers, stop. */
class CheckSchedulerTest {
    @TempDir
    Path dir;
    final FakeLoop loop = new FakeLoop();
    final FakeCheckIo io = new FakeCheckIo(loop);
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler(io, loop, loop, new SplittableRandom(42), log::add,
            (rs, alive, w) -> events.add(loop.nowMicros() + " " + rs.display() + (alive ? " UP " : " DOWN ") + w));

    KeepalivedConfig config(String text) {
        return CheckFixture.config(dir, text);
    }

    static String manyRealServers(int n, String delayLoop) {
        StringBuilder sb = new StringBuilder("virtual_server 198.51.100.1 80 {\n delay_loop " + delayLoop
                + "\n lb_algo rr\n lb_kind NAT\n protocol TCP\n");
        for (int i = 0; i < n; i++) {
            sb.append(" real_server 198.51.100.2 ").append(10000 + i).append(" {\n  TCP_CHECK {\n  }\n }\n");
        }
        return sb.append("}\n").toString();
    }

    @Test
    void firstChecksSpreadEvenlyOverTheWarmupAfterOneSecond() {
        scheduler.start(config(manyRealServers(1000, "1")));
        assertEquals(1000, log.size());
        assertEquals("Activating healthchecker for service [198.51.100.2]:tcp:10000 for VS [198.51.100.1]:tcp:80",
                log.get(0));
        loop.advance(2 * S);
        assertEquals(1000, io.requests.size(), "every checker ran once in [1 s, 2 s)");
        int[] buckets = new int[10];
        for (FakeCheckIo.Request r : io.requests) {
            long t = r.atMicros() - S;
            assertTrue(t >= 0 && t < S, "within warmup (= delay_loop 1 s) after BOOTSTRAP_DELAY: " + t);
            buckets[(int) (t / 100_000)]++;
        }
        for (int b : buckets) {
            assertEquals(100, b, "no thundering herd: 100 checks in each tenth of the second");
        }
        loop.advance(10 * S);
        int[] later = new int[10];
        io.requests.stream().mapToLong(FakeCheckIo.Request::atMicros).filter(t -> t >= 10 * S && t < 11 * S)
                .forEach(t -> later[(int) ((t - 10 * S) / 100_000)]++);
        for (int b : later) {
            assertTrue(b >= 95 && b <= 105, "still spread ten periods later (each period is delay_loop + 1 ms): " + b);
        }
        assertEquals(List.of(), events);
    }

    @Test
    void retriesAndTheVerdictOnTheClock() {
        scheduler.start(config(CheckFixture.oneRs("", "  TCP_CHECK {\n   retry 3\n   delay_before_retry 2\n"
                + "   warmup 0.000001\n  }\n")));
        AtomicInteger n = new AtomicInteger();
        io.tcp = c -> n.getAndIncrement() == 0 ? TcpOutcome.SUCCESS : TcpOutcome.FAILED;
        loop.advance(30 * S);
        assertEquals(List.of(S, 11 * S + 1_000, 13 * S + 2_000, 15 * S + 3_000, 17 * S + 4_000, 27 * S + 5_000,
                29 * S + 6_000), io.times(80),
                "1 s bootstrap, delay_loop 10 s after a check ends, retries 2 s apart (also while down)");
        assertEquals(List.of(17 * S + 5_000 + " " + RS + " DOWN 1"), events);
        assertEquals(List.of("Activating healthchecker for service [198.51.100.2]:tcp:80 for VS [198.51.100.1]:tcp:80",
                "TCP connection to [198.51.100.2]:tcp:80 success.",
                "TCP_CHECK on service [198.51.100.2]:tcp:80 failed after 3 retries."), log);
    }

    @Test
    void aRealServerIsAliveOnlyWhileAllItsCheckersAreUp() {
        scheduler.start(config(CheckFixture.oneRs("", "  TCP_CHECK {\n   connect_port 81\n   warmup 0.000001\n  }\n"
                + "  TCP_CHECK {\n   connect_port 82\n   warmup 0.000001\n  }\n  PING_CHECK {\n  }\n")));
        assertEquals(3, scheduler.checkers().size(), "the PING_CHECK runs too (the fake I/O always answers it)");
        io.tcp = c -> c.destination().getPort() == 81 ? TcpOutcome.SUCCESS : TcpOutcome.FAILED;
        loop.advance(2 * S);
        assertEquals(1, events.size());
        assertTrue(events.get(0).endsWith(RS + " DOWN 1"));
        io.tcp = c -> TcpOutcome.FAILED;
        loop.advance(30 * S);
        io.tcp = c -> c.destination().getPort() == 82 ? TcpOutcome.SUCCESS : TcpOutcome.FAILED;
        loop.advance(30 * S);
        assertEquals(1, events.size(), "both failed, then one up: still down (num_failed_checkers)");
        assertEquals(List.of(false, true, true), scheduler.checkers().stream().map(CheckerStatus::up).toList());
        io.tcp = c -> TcpOutcome.SUCCESS;
        loop.advance(20 * S);
        assertEquals(2, events.size());
        assertTrue(events.get(1).endsWith(RS + " UP 1"), "up when the last failed checker is");
    }

    @Test
    void scriptsAreTimedFromTheirStart() {
        scheduler.start(config("global_defs {\n enable_script_security\n script_user root\n}\n"
                + CheckFixture.oneRs("", "  MISC_CHECK {\n   misc_path /bin/true\n   warmup 0.000001\n  }\n")));
        io.latencyMicros = 3 * S;
        loop.advance(30 * S);
        assertEquals(List.of(S, 11 * S, 21 * S), io.requests.stream().map(FakeCheckIo.Request::atMicros).toList());
    }

    @Test
    void stopCancelsEverythingPending() {
        scheduler.start(config(manyRealServers(10, "1")));
        io.latencyMicros = S / 2;
        loop.advance(S + S / 2 + 1);
        int made = io.requests.size();
        scheduler.stop();
        loop.advance(100 * S);
        assertEquals(made, io.requests.size());
        assertTrue(io.cancelled > 0, "checks in flight were cancelled");
        assertEquals(0, loop.pending());
    }

    @Test
    void realServersReportsTheInitialStates() {
        scheduler.start(config("virtual_server 198.51.100.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 198.51.100.2 80 {\n  weight 3\n  alpha\n  TCP_CHECK {\n  }\n }\n"
                + " real_server 198.51.100.3 80 {\n }\n}\n"));
        List<RsStatus> s = scheduler.realServers();
        assertFalse(s.get(0).alive(), "alpha: down until a success");
        assertEquals(3, s.get(0).weight());
        assertTrue(s.get(1).alive(), "no checker: always alive");
        assertEquals(List.of(), events, "initial states are read, not announced");
    }
}
